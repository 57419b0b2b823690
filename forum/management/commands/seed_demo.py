"""Load the demo consultation, its citizens and their positions (idempotent)."""

from __future__ import annotations

import functools
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from forum import demo_content
from forum.consultations import services as consultation_services
from forum.content_language import detect_lang
from forum.markup import render_markdown
from forum.models import (
    Consultation,
    Phase,
    Position,
    PositionRevision,
    Reply,
    Source,
    Stance,
    SummaryVersion,
    Topic,
    User,
    Vote,
    VoteValue,
)
from forum.search import services as search_services
from forum.votes import services as vote_services
from moderation import services as moderation_services

DEMO_PASSWORD = "agora-demo-2026"
MODERATOR = {"pseudonym": "moderator", "email": "moderator@agora.example"}
ADMIN = {"pseudonym": "organizer", "email": "admin@agora.example"}


def _account(*, pseudonym: str, email: str, staff: bool = False, superuser: bool = False) -> User:
    user = User.objects.filter(username=pseudonym).first()
    if user is None:
        user = User(username=pseudonym, email=email, is_staff=staff, is_superuser=superuser)
        # One slow hash for every demo account, not one per account.
        user.password = _demo_password_hash()
        user.full_clean(exclude=["password"])
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@functools.cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def _translated(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{code}": text for code, text in texts.items()}


class Command(BaseCommand):
    help = "Create the demo consultation with topics, stances, citizens and positions."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any consultation exists (what `make run` uses).",
        )

    @transaction.atomic
    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and Consultation.objects.exists():
            self.stdout.write("The database already holds consultations; demo data not loaded.")
            return
        consultation = self._consultation()
        topics = {
            spec["slug"]: self._topic(consultation, order, spec)
            for order, spec in enumerate(demo_content.TOPICS)
        }
        citizens = {spec["pseudonym"]: _account(**spec) for spec in demo_content.CITIZENS}
        moderator = _account(**MODERATOR, staff=True)
        moderator.groups.add(moderation_services.moderators_group())
        _account(**ADMIN, staff=True, superuser=True)
        created = 0
        for index, spec in enumerate(demo_content.POSITIONS):
            created += self._position(topics[spec["topic"]], citizens[spec["author"]], index, spec)
        replies = self._replies(topics, citizens)
        votes = self._votes(topics, citizens)
        closed_topic = self._closed_consultation(citizens, moderator)
        for topic in [*topics.values(), closed_topic]:
            vote_services.opinions_compute(topic=topic)
        self._summary(closed_topic, moderator)
        # Positions and replies above are written directly (backdated): index them all.
        indexed = search_services.search_reindex()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo consultation “{consultation.title_en}”: {len(topics)} topics, "
                f"{created} new positions, {replies} new replies and {votes} new votes by "
                f"{len(citizens)} citizens and {demo_content.VOTERS} voters; opinion maps computed."
            )
        )
        self.stdout.write(f"{indexed} search entries written.")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        self.stdout.write(f"  organizer (admin):  {ADMIN['email']}   /admin/")
        self.stdout.write(f"  moderator:          {MODERATOR['email']}")
        for spec in demo_content.CITIZENS[:3]:
            self.stdout.write(f"  citizen:            {spec['email']}  ({spec['pseudonym']})")
        self.stdout.write(
            f"  … and {len(demo_content.CITIZENS) - 3} more citizens, citizen04 to "
            f"citizen{len(demo_content.CITIZENS):02d}@agora.example"
        )

    def _consultation(self) -> Consultation:
        spec = demo_content.CONSULTATION
        consultation = Consultation.objects.filter(slug=spec["slug"]).first()
        if consultation is None:
            consultation = Consultation(slug=spec["slug"], phase=Phase.OPEN)
        for field in ("title", "framing", "background"):
            for key, value in _translated(field, spec[field]).items():
                setattr(consultation, key, value)
        today = timezone.localdate()
        consultation.opens_on = consultation.opens_on or today
        consultation.closes_on = consultation.closes_on or today + timezone.timedelta(days=60)
        consultation_services.consultation_save(consultation=consultation)
        self._sources(spec["sources"], consultation=consultation)
        return consultation

    def _topic(self, consultation: Consultation, order: int, spec: dict) -> Topic:
        topic = Topic.objects.filter(consultation=consultation, slug=spec["slug"]).first()
        if topic is None:
            topic = Topic(consultation=consultation, slug=spec["slug"])
        topic.order = order
        for field in ("question", "context"):
            for key, value in _translated(field, spec[field]).items():
                setattr(topic, key, value)
        consultation_services.topic_save(topic=topic)
        for stance_order, stance_spec in enumerate(spec["stances"]):
            Stance.objects.update_or_create(
                topic=topic,
                key=stance_spec["key"],
                defaults={
                    "order": stance_order,
                    **_translated("label", stance_spec["label"]),
                    **_translated("description", stance_spec["description"]),
                },
            )
        self._sources(spec.get("sources", []), topic=topic)
        return topic

    def _sources(self, specs: list[dict], **parent) -> None:
        for order, spec in enumerate(specs):
            Source.objects.update_or_create(
                **parent, url=spec["url"], defaults={"title": spec["title"], "order": order}
            )

    def _position(self, topic: Topic, author: User, index: int, spec: dict) -> int:
        """Create the position with its earlier versions; 0 when it already exists.

        Written directly, not through `position_create`: the demo history is backdated over
        past weeks, which the services rightly never do.
        """
        if Position.objects.filter(topic=topic, author=author).exists():
            return 0
        stances = {stance.key: stance for stance in topic.stances.all()}
        versions = [*spec.get("earlier", []), spec]
        # Spread the demo over past days so that "newest first" means something.
        start = timezone.now() - timezone.timedelta(days=40 - index, hours=index % 7)
        first = versions[0]
        position = Position.objects.create(
            topic=topic,
            author=author,
            stance=stances[first["stance"]],
            claim=first["claim"],
            body=first["body"],
            body_html=render_markdown(first["body"]),
            lang=detect_lang(f"{first['claim']}\n{first['body']}"),
            created_at=start,
        )
        for number, version in enumerate(versions, start=1):
            written = start + timezone.timedelta(days=number - 1)
            PositionRevision.objects.create(
                position=position,
                number=number,
                stance=stances[version["stance"]],
                claim=version["claim"],
                body=version["body"],
                body_html=render_markdown(version["body"]),
                lang=detect_lang(f"{version['claim']}\n{version['body']}"),
                created_at=written,
            )
        last = versions[-1]
        position.stance = stances[last["stance"]]
        position.claim = last["claim"]
        position.body = last["body"]
        position.body_html = render_markdown(last["body"])
        position.lang = detect_lang(f"{last['claim']}\n{last['body']}")
        position.revised_at = written if len(versions) > 1 else None
        position.save(update_fields=["stance", "claim", "body", "body_html", "lang", "revised_at"])
        return 1

    def _replies(self, topics: dict[str, Topic], citizens: dict[str, User]) -> int:
        """Write the demo replies once; none when the demo positions already have replies."""
        positions = {
            (spec["topic"], spec["position"]): Position.objects.select_related(
                "topic__consultation"
            ).get(topic=topics[spec["topic"]], author=citizens[spec["position"]])
            for spec in demo_content.REPLIES
        }
        if Reply.objects.filter(object_pk__in=[str(p.pk) for p in positions.values()]).exists():
            return 0
        written: list[Reply] = []
        start = timezone.now() - timezone.timedelta(days=3)
        for index, spec in enumerate(demo_content.REPLIES):
            author = citizens[spec["author"]]
            parent = written[spec["answers"]] if "answers" in spec else None
            reply = Reply(
                content_object=positions[(spec["topic"], spec["position"])],
                site_id=1,
                user=author,
                user_name=author.username,
                comment=spec["text"],
                comment_html=render_markdown(spec["text"]),
                lang=detect_lang(spec["text"]),
                leaning=spec["leaning"],
                parent_id=parent.pk if parent else 0,
                submit_date=start + timezone.timedelta(hours=5 * index),
            )
            # The library's save() places the reply in its thread.
            reply.save()
            written.append(reply)
        return len(written)

    def _votes(self, topics: dict[str, Topic], citizens: dict[str, User]) -> int:
        """Votes by the citizens and the demo voters, once (none if any vote exists)."""
        if Vote.objects.filter(position__topic__in=topics.values()).exists():
            return 0
        rng = random.Random(demo_content.VOTE_SEED)  # noqa: S311 -- repeatable demo data
        voters = [
            _account(pseudonym=f"voter{n:02d}", email=f"voter{n:02d}@agora.example")
            for n in range(1, demo_content.VOTERS + 1)
        ]
        people = [*citizens.values(), *voters]
        camp = {person.pk: index % 2 for index, person in enumerate(people)}
        votes = []
        for topic in topics.values():
            stances = list(topic.stances.order_by("order"))
            first_half = {s.pk for s in stances[: len(stances) // 2]}
            for number, position in enumerate(topic.positions.order_by("pk")):
                favoured_by = 0 if position.stance_id in first_half else 1
                # Every fourth position is one both camps tend to accept: the consensus.
                shared = number % 4 == 3
                for person in people:
                    if person.pk == position.author_id or rng.random() < 0.25:
                        continue
                    roll = rng.random()
                    if roll < 0.12:
                        value = VoteValue.PASS
                    elif (shared or camp[person.pk] == favoured_by) == (roll < 0.82):
                        value = VoteValue.AGREE
                    else:
                        value = VoteValue.DISAGREE
                    votes.append(Vote(position=position, voter=person, value=value))
        Vote.objects.bulk_create(votes, batch_size=1000)
        return len(votes)

    def _closed_consultation(self, citizens: dict[str, User], moderator: User) -> Topic:
        """The small closed pilot consultation, with positions and votes (once)."""
        spec = demo_content.CLOSED_CONSULTATION
        consultation = Consultation.objects.filter(slug=spec["slug"]).first()
        if consultation is None:
            consultation = Consultation(slug=spec["slug"], phase=Phase.CLOSED)
            for field in ("title", "framing"):
                for key, value in _translated(field, spec[field]).items():
                    setattr(consultation, key, value)
            today = timezone.localdate()
            consultation.opens_on = today - timezone.timedelta(days=90)
            consultation.closes_on = today - timezone.timedelta(days=30)
            consultation.background_en = consultation.background_ko = ""
            consultation_services.consultation_save(consultation=consultation)
        topic_spec = spec["topic"]
        topic = self._topic(
            consultation,
            0,
            {
                "slug": topic_spec["slug"],
                "question": topic_spec["question"],
                "context": {"en": "", "ko": ""},
                "stances": [
                    {**stance, "description": {"en": "", "ko": ""}}
                    for stance in topic_spec["stances"]
                ],
            },
        )
        if topic.positions.exists():
            return topic
        stances = {stance.key: stance for stance in topic.stances.all()}
        start = timezone.now() - timezone.timedelta(days=80)
        positions = []
        for index, (author, stance, claim, body) in enumerate(spec["positions"]):
            position = Position.objects.create(
                topic=topic,
                author=citizens[author],
                stance=stances[stance],
                claim=claim,
                body=body,
                body_html=render_markdown(body),
                lang=detect_lang(f"{claim}\n{body}"),
                created_at=start + timezone.timedelta(days=index),
            )
            PositionRevision.objects.create(
                position=position,
                number=1,
                stance=position.stance,
                claim=claim,
                body=body,
                body_html=position.body_html,
                lang=position.lang,
                created_at=position.created_at,
            )
            positions.append(position)
        rng = random.Random(demo_content.VOTE_SEED + 1)  # noqa: S311 -- repeatable demo data
        people = list(User.objects.filter(username__startswith="voter")) + list(citizens.values())
        votes = []
        for number, position in enumerate(positions):
            for index, person in enumerate(people):
                if person.pk == position.author_id or rng.random() < 0.3:
                    continue
                camp = index % 2
                agrees = number == 4 or (number < 2) == (camp == 0)
                value = 1 if agrees == (rng.random() < 0.85) else -1
                votes.append(Vote(position=position, voter=person, value=value))
        Vote.objects.bulk_create(votes)
        return topic

    def _summary(self, topic: Topic, moderator: User) -> None:
        """Publish the pilot's summary once, through the same services moderators use."""
        from forum.summaries import services as summaries

        if SummaryVersion.objects.filter(summary__topic=topic, status="published").exists():
            return
        ids = topic.positions.order_by("created_at", "pk").values_list("pk", flat=True)
        body = demo_content.CLOSED_SUMMARY.format(*ids)
        draft = summaries.summary_draft_save(editor=moderator, scope=topic, body=body)
        summaries.summary_publish(
            publisher=moderator,
            scope=topic,
            version_number=draft.number,
            publish_anyway=True,
            reason="The open questions section is left to the committee.",
            # Demo accounts have no real mailboxes to tell.
        )
