"""The page bench's content: an open consultation with a topic of 2,000 positions (votes from
planted opinion groups, its opinion map computed) whose first position has 500 replies, and a
closed consultation whose topic has a published summary. Written in bulk, except replies and
the summary, which go through the code real ones go through.

Needs Django set up on an empty database (bench/pages.py does that on PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass

LARGE_TOPIC_POSITIONS = 2_000
BUSY_POSITION_REPLIES = 500
SUMMARISED_TOPIC_POSITIONS = 200
VOTERS = 400


@dataclass(frozen=True)
class BenchContent:
    """What the page bench visits, and whom it signs in."""

    urls: dict[str, str]
    reader_id: int


def _fill(topic, count: int) -> list:
    from forum.markup import render_markdown
    from forum.models import Position, PositionRevision, User

    stances = list(topic.stances.all())
    body = "An argument with a [source](https://example.org) and **emphasis**. " * 5
    html = render_markdown(body)
    users = User.objects.bulk_create(
        User(username=name, pseudonym_key=name)
        for name in (f"bench-{topic.pk}-{index}" for index in range(count))
    )
    positions = Position.objects.bulk_create(
        Position(
            topic=topic,
            author=user,
            stance=stances[index % len(stances)],
            claim=f"Claim {index}",
            body=body,
            body_html=html,
        )
        for index, user in enumerate(users)
    )
    PositionRevision.objects.bulk_create(
        PositionRevision(
            position=p, number=1, stance=p.stance, claim=p.claim, body=body, body_html=html
        )
        for p in positions
    )
    return positions


def _topic(consultation, slug: str, positions: int):
    from forum.models import Stance, Topic

    topic = Topic.objects.create(consultation=consultation, slug=slug, question_en="Q?")
    for order, key in enumerate(("privacy", "investigation", "conditional")):
        Stance.objects.create(topic=topic, key=key, label_en=key.title(), order=order)
    _fill(topic, positions)
    return topic


def _discussion(position, replies: int) -> None:
    """`replies` replies in threads of five (a reply, answers, answers to answers), written by
    the library's save() as real ones are, with likes on a third of them."""
    from django.utils import timezone
    from django_comments.models import CommentFlag
    from django_comments_xtd.models import LIKEDIT_FLAG

    from forum.markup import render_markdown
    from forum.models import Leaning, Reply, User

    text = "I disagree, and here is [why](https://example.org): **evidence** first. " * 3
    html = render_markdown(text)
    users = User.objects.bulk_create(
        User(username=name, pseudonym_key=name)
        for name in (f"replier-{position.pk}-{index}" for index in range(20))
    )
    leanings = list(Leaning.values)
    written: list[Reply] = []
    for index in range(replies):
        depth = index % 5
        parent = None if depth == 0 else written[-1] if depth < 3 else written[-depth + 1]
        reply = Reply(
            content_object=position,
            site_id=1,
            user=users[index % len(users)],
            user_name=users[index % len(users)].username,
            comment=text,
            comment_html=html,
            leaning=leanings[index % 3],
            parent_id=parent.pk if parent else 0,
        )
        reply.save()
        written.append(reply)
    CommentFlag.objects.bulk_create(
        CommentFlag(comment=reply, user=users[0], flag=LIKEDIT_FLAG, flag_date=timezone.now())
        for reply in written[::3]
    )


def _votes(topic, voters: list) -> None:
    """Each voter votes on 50 of the topic's positions, from planted opinion groups (the
    opinion-map bench's generator), so that the map has groups to draw."""
    from bench.opinions_map import planted_votes
    from forum.models import Vote

    position_ids = list(topic.positions.order_by("pk").values_list("pk", flat=True))
    participant, position, value, _groups = planted_votes(len(voters), len(position_ids))
    Vote.objects.bulk_create(
        (
            Vote(position_id=position_ids[p], voter_id=voters[v].pk, value=int(x))
            for v, p, x in zip(participant, position, value, strict=True)
        ),
        batch_size=10_000,
    )


def _publish_summary(topic) -> None:
    """A moderator publishes a summary citing four positions, through the services."""
    from forum.models import User
    from forum.summaries import services as summaries
    from moderation import services as moderation_services

    moderator = User.objects.create(
        username="bench-moderator", pseudonym_key="bench-moderator", is_staff=True
    )
    moderator.groups.add(moderation_services.moderators_group())
    cited = list(topic.positions.order_by("pk").values_list("pk", flat=True)[:4])
    body = (
        "## Introduction\n\nParticipants argued both ways [[P{}]] [[P{}]].\n\n"
        "## Conditions\n\nOthers accept access under a warrant [[P{}]] [[P{}]].\n"
    ).format(*cited)
    draft = summaries.summary_draft_save(editor=moderator, scope=topic, body=body)
    summaries.summary_publish(
        publisher=moderator,
        scope=topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="Bench content: coverage is not the point.",
    )


def build() -> BenchContent:
    from django.urls import reverse

    from forum.models import Consultation, Phase, User
    from forum.votes import services as vote_services

    voters = User.objects.bulk_create(
        User(username=f"bench-voter-{index}", pseudonym_key=f"bench-voter-{index}")
        for index in range(VOTERS)
    )
    open_consultation = Consultation.objects.create(
        slug="bench", title_en="Bench", phase=Phase.OPEN
    )
    large = _topic(open_consultation, "large", LARGE_TOPIC_POSITIONS)
    busy = large.positions.order_by("pk").first()
    _discussion(busy, BUSY_POSITION_REPLIES)
    _votes(large, voters)
    vote_services.opinions_compute(topic=large)

    # Summaries are written once a consultation is closed.
    closed = Consultation.objects.create(
        slug="bench-closed", title_en="Bench, closed", phase=Phase.CLOSED
    )
    summarised = _topic(closed, "summarised", SUMMARISED_TOPIC_POSITIONS)
    _votes(summarised, voters)
    vote_services.opinions_compute(topic=summarised)
    _publish_summary(summarised)

    topic_kwargs = {"consultation_slug": "bench", "topic_slug": "large"}
    return BenchContent(
        urls={
            "home": reverse("forum:home"),
            f"topic page, {LARGE_TOPIC_POSITIONS:,} positions": large.get_absolute_url(),
            f"position page, {BUSY_POSITION_REPLIES} replies": busy.get_absolute_url(),
            "opinion map": reverse("forum:opinion_map", kwargs=topic_kwargs),
            "summary": reverse(
                "forum:summary",
                kwargs={"consultation_slug": "bench-closed", "topic_slug": "summarised"},
            ),
        },
        # A voter, so that the signed-in pages show their own votes on some positions.
        reader_id=voters[0].pk,
    )


def signed_in_cookie(reader_id: int) -> str:
    """A session for the reader, created the way Django's test client signs in (no password
    posted), in the database and cache gunicorn reads: the Cookie header's sessionid pair."""
    from django.conf import settings
    from django.test import Client

    from forum.models import User

    client = Client()
    client.force_login(User.objects.get(pk=reader_id))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
