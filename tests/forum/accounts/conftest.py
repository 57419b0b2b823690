"""One account with one of every kind of data the forum holds about a person, and a
neighbour's data around it (which must never appear in its download nor go with it)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from forum.markup import render_markdown
from forum.models import (
    DiscussionFollow,
    Phase,
    Position,
    PositionRevision,
    Reply,
    SummaryVersion,
    Topic,
    User,
    Vote,
)
from forum.summaries import services as summaries_services
from forum.votes import services as votes_services
from moderation import sanctions as moderation_sanctions
from moderation import services as moderation_services
from moderation.models import ModeratedItem, ModerationAction, Reason
from tests.factories import (
    ConsultationFactory,
    PositionFactory,
    StanceFactory,
    TopicFactory,
    UserFactory,
    make_reply,
)

Action = ModerationAction.Action

# Distinctive, so that a search of every column finds nothing else by chance.
PSEUDONYM = "Quokka7731"
EMAIL = "Quokka.Private@Example.ORG"


@dataclass
class World:
    person: User
    neighbour: User
    moderator: User
    open_topic: Topic
    closed_topic: Topic
    cited: Position  # the person's position a published summary cites
    uncited: Position  # the person's position nobody cites, revised once
    reply: Reply  # the person's visible reply
    hidden_reply: Reply  # the person's reply a moderator hid, appealed
    neighbour_position: Position
    neighbour_reply: Reply
    summary_version: SummaryVersion
    voters: list[User]


def _topic(phase: str, slug: str) -> Topic:
    topic = TopicFactory(consultation=ConsultationFactory(phase=phase), slug=slug)
    StanceFactory(topic=topic, key="privacy", label_en="Protect privacy", label_ko="프라이버시")
    StanceFactory(topic=topic, key="investigation", label_en="Investigate", label_ko="수사")
    return topic


def _revise(position: Position, claim: str, body: str) -> None:
    position.claim, position.body, position.body_html = claim, body, render_markdown(body)
    position.revised_at = timezone.now()
    position.save(update_fields=["claim", "body", "body_html", "revised_at"])
    PositionRevision.objects.create(
        position=position,
        number=position.revisions.count() + 1,
        stance=position.stance,
        claim=claim,
        body=body,
        body_html=position.body_html,
    )


def build_world() -> World:
    person = UserFactory(username=PSEUDONYM, email=EMAIL, first_name="Quinn", last_name="Kwok")
    neighbour = UserFactory(username="Neighbour")
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(moderation_services.moderators_group())

    open_topic = _topic(Phase.OPEN, "open-topic")
    closed_topic = _topic(Phase.OPEN, "closing-topic")

    # The opinion map of the open topic: eight positions by others, two camps of voters, the
    # person in the first camp.
    targets = [PositionFactory(topic=open_topic, claim=f"Target claim {i}") for i in range(8)]
    voters = [person] + [UserFactory(username=f"voter{i}") for i in range(9)]
    for index, voter in enumerate(voters):
        camp = 1 if index % 2 == 0 else -1
        for number, target in enumerate(targets):
            value = camp if number < 4 else -camp
            Vote.objects.create(position=target, voter=voter, value=value)
    votes_services.opinions_compute(topic=open_topic)

    uncited = PositionFactory(
        topic=open_topic,
        author=person,
        claim="Uncited original claim",
        body="Uncited original body.",
    )
    _revise(uncited, "Uncited revised claim", "Uncited revised body.")
    neighbour_position = PositionFactory(
        topic=open_topic, author=neighbour, claim="Neighbour's own claim"
    )
    Vote.objects.create(position=neighbour_position, voter=person, value=-1)

    cited = PositionFactory(
        topic=closed_topic,
        author=person,
        claim="Cited claim keeps its words",
        body="Cited body keeps its words.",
    )
    others = [PositionFactory(topic=closed_topic) for _ in range(2)]

    reply = make_reply(neighbour_position, author=person, text="Person's visible reply text.")
    hidden_reply = make_reply(neighbour_position, author=person, text="Person's reply to hide.")
    neighbour_reply = make_reply(uncited, author=neighbour, text="Neighbour's reply text.")
    CommentFlag.objects.create(
        user=person, comment=neighbour_reply, flag=LIKEDIT_FLAG, flag_date=timezone.now()
    )
    DiscussionFollow.objects.create(user=person, position=neighbour_position)
    DiscussionFollow.objects.create(user=neighbour, position=uncited)

    moderation_services.report_create(
        reporter=person,
        content=neighbour_position,
        reason=Reason.OTHER,
        text="Reported by the person.",
    )
    moderation_services.item_track(content=hidden_reply, holds=[])
    item = ModeratedItem.objects.get(
        object_id=hidden_reply.pk, content_type=ContentType.objects.get_for_model(Reply)
    )
    item = moderation_services.item_act(
        moderator=moderator, item=item, action=Action.HIDE, reason=Reason.OFF_TOPIC
    )
    moderation_services.appeal_create(
        author=person, item=item, text="The person's appeal against hiding."
    )
    moderation_sanctions.sanction_create(
        moderator=moderator, user=person, kind="warning", reason=Reason.SPAM
    )
    moderation_sanctions.sanction_create(
        moderator=moderator, user=neighbour, kind="warning", reason=Reason.HARASSMENT
    )
    moderation_services.check_can_contribute(user=person, new=True)

    LogEntry.objects.create(
        user=moderator,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f"Changed e-mail to {EMAIL}",
    )

    # The summary closes the second topic and cites the person's position.
    closed_topic.consultation.phase = Phase.CLOSED
    closed_topic.consultation.save(update_fields=["phase"])
    lines = "\n".join(f"- {p.claim} [[P{p.pk}]]" for p in [cited, *others])
    draft = summaries_services.summary_draft_save(
        editor=moderator,
        scope=closed_topic,
        body=f"## Introduction\n\nWhy.\n\n## Arguments\n\n{lines}\n\n## Method\n\nHow.\n",
    )
    summary_version = summaries_services.summary_publish(
        publisher=moderator,
        scope=closed_topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="A test summary.",
    )
    return World(
        person=person,
        neighbour=neighbour,
        moderator=moderator,
        open_topic=open_topic,
        closed_topic=closed_topic,
        cited=cited,
        uncited=uncited,
        reply=reply,
        hidden_reply=hidden_reply,
        neighbour_position=neighbour_position,
        neighbour_reply=neighbour_reply,
        summary_version=summary_version,
        voters=voters,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()
