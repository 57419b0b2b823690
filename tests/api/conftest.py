"""A world for the read API: a consultation in every phase, content in every moderation
state, a deleted author, published and draft summaries, an opinion map that knows its
voters' account ids. Every text some reader must not get carries a `SECRET-` marker."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import TestCase
from django.utils import timezone

from forum.models import (
    OpinionSnapshot,
    Position,
    Reply,
    Summary,
    SummaryVersion,
    Topic,
    User,
    Vote,
)
from forum.summaries import services as summary_services
from moderation.models import ModerationStatus
from tests.factories import PositionFactory, UserFactory, make_reply
from tests.moderation.conftest import make_moderator

SECRET = "SECRET-"


@dataclass
class ApiWorld:
    open_topic: Topic
    closed_topic: Topic
    draft_topic: Topic
    author: User
    moderator: User
    deleted: User
    positions: dict[str, Position] = field(default_factory=dict)
    replies: dict[str, Reply] = field(default_factory=dict)
    users: list[User] = field(default_factory=list)


def set_state(content, status: str, reason: str = "spam") -> None:
    fields = {"moderation_status": status, "moderation_reason": reason}
    if isinstance(content, Reply):
        fields |= {
            "is_public": status == ModerationStatus.VISIBLE,
            "is_removed": status == ModerationStatus.REMOVED,
        }
    type(content).objects.filter(pk=content.pk).update(**fields)
    content.refresh_from_db()


def _position(topic, author, claim, **fields) -> Position:
    return PositionFactory(topic=topic, author=author, claim=claim, **fields)


@pytest.fixture
def world(db, open_topic, closed_topic, draft_topic) -> ApiWorld:
    author = UserFactory(username="author")
    moderator = make_moderator()
    deleted = UserFactory(username="gone")
    voters = [UserFactory() for _ in range(4)]
    w = ApiWorld(open_topic, closed_topic, draft_topic, author, moderator, deleted)
    w.users = [author, moderator, deleted, *voters]
    p = w.positions
    p["published"] = _position(open_topic, author, "A published claim")
    p["by_deleted"] = _position(open_topic, deleted, "Written by someone since gone")
    p["held"] = _position(open_topic, voters[0], f"{SECRET}held claim", body=f"{SECRET}held body")
    p["hidden"] = _position(open_topic, voters[1], f"{SECRET}hidden claim", body=f"{SECRET}hb")
    p["removed"] = _position(open_topic, voters[2], f"{SECRET}removed claim", body=f"{SECRET}rb")
    p["draft"] = _position(draft_topic, author, f"{SECRET}draft claim", body=f"{SECRET}db")
    p["closed"] = _position(closed_topic, author, "A closed topic's claim")
    p["closed_other"] = _position(closed_topic, voters[3], "Another closed claim")
    set_state(p["held"], ModerationStatus.HELD, "screening")
    set_state(p["hidden"], ModerationStatus.HIDDEN)
    set_state(p["removed"], ModerationStatus.REMOVED)
    Vote.objects.create(position=p["published"], voter=voters[0], value=1)
    Vote.objects.create(position=p["published"], voter=voters[1], value=-1)
    Vote.objects.create(position=p["published"], voter=voters[2], value=0)

    r = w.replies
    r["published"] = make_reply(p["published"], author=voters[3], text="A published reply")
    r["answer"] = make_reply(
        p["published"], author=deleted, text="An answer", parent=r["published"]
    )
    r["held"] = make_reply(p["published"], author=voters[0], text=f"{SECRET}held reply")
    r["hidden"] = make_reply(p["published"], author=voters[1], text=f"{SECRET}hidden reply")
    r["removed"] = make_reply(p["published"], author=voters[2], text=f"{SECRET}removed reply")
    r["under_hidden"] = make_reply(p["hidden"], author=author, text="Under a hidden position")
    r["under_held"] = make_reply(p["held"], author=author, text=f"{SECRET}under a held position")
    r["in_draft"] = make_reply(p["draft"], author=voters[3], text=f"{SECRET}in a draft")
    set_state(r["held"], ModerationStatus.HELD, "screening")
    set_state(r["hidden"], ModerationStatus.HIDDEN)
    set_state(r["removed"], ModerationStatus.REMOVED)
    Reply.objects.update(ip_address="203.0.113.9", user_email="leak@example.org")

    # The closed topic is summarised (one published version, then a draft correction); the
    # draft consultation has a published summary of its own that nobody outside may see.
    def publish(topic, body):
        with TestCase.captureOnCommitCallbacks(execute=True):
            version = summary_services.summary_draft_save(editor=moderator, scope=topic, body=body)
            summary_services.summary_publish(
                publisher=moderator,
                scope=topic,
                version_number=version.number,
                publish_anyway=True,
                reason="Built for the API tests.",
            )

    publish(closed_topic, f"## Introduction\n\nWhat was said [[P{p['closed'].pk}]].\n")
    summary_services.summary_draft_save(
        editor=moderator, scope=closed_topic, body=f"{SECRET}a correction in progress"
    )
    SummaryVersion.objects.create(
        summary=Summary.objects.create(topic=draft_topic),
        number=1,
        status=SummaryVersion.Status.PUBLISHED,
        body=f"{SECRET}a draft consultation's summary",
        body_html=f"<p>{SECRET}a draft consultation's summary</p>",
        created_by=moderator,
        published_by=moderator,
        published_at=timezone.now(),
    )

    # An opinion map whose stored data names account ids (places, members) and a position
    # that a moderator hid since: none of them may leave the server.
    ids = [u.pk for u in voters]
    OpinionSnapshot.objects.create(
        topic=open_topic,
        computed_at=timezone.now(),
        status="ok",
        n_votes=3,
        n_participants=4,
        n_participants_in_map=4,
        data={
            "points": [[0.5, 0.25, 1], [-0.5, 0.1, 0], [0.4, -0.2, 1], [-0.3, 0.3, 0]],
            "groups": [
                {
                    "label": 0,
                    "size": 2,
                    "representative": [
                        {
                            "position": p["published"].pk,
                            "direction": "agree",
                            "share": 0.75,
                            "rest": 0.25,
                        },
                        {
                            "position": p["hidden"].pk,
                            "direction": "agree",
                            "share": 0.7,
                            "rest": 0.2,
                        },
                    ],
                },
                {"label": 1, "size": 2, "representative": []},
            ],
            "consensus": [
                {"position": p["published"].pk, "agree": 0.6},
                {"position": p["held"].pk, "agree": 0.6},
            ],
            "k": 2,
            "members": {str(pk): i % 2 for i, pk in enumerate(ids)},
            "places": {str(pk): i for i, pk in enumerate(ids)},
        },
    )
    OpinionSnapshot.objects.create(topic=draft_topic, status="not_enough_votes", data={})

    # Deleted last, the way accounts are deleted: the row stays, scrubbed.
    User.objects.filter(pk=deleted.pk).update(
        deleted_at=timezone.now(), username="deleted-0a1b2c3d", email=""
    )
    deleted.refresh_from_db()
    return w
