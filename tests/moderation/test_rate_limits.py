"""Rate limits count what the account itself wrote: positions, replies and revisions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forum.models import Position, PositionRevision, Reply
from forum.positions import services as positions_services
from moderation import services
from moderation.models import Contribution, ModeratedItem, Reason
from tests.factories import PositionFactory, UserFactory
from tests.forum.test_discussion import POST_URL, reply_data


@pytest.fixture
def newcomer(db):
    # Younger than a day: two contributions a minute (forum/settings.py).
    return UserFactory(username="newcomer")


def _old_positions_of(author, count):
    positions = []
    for _ in range(count):
        topic = PositionFactory().topic  # one position per topic and author
        positions.append(PositionFactory(topic=topic, author=author, stance=topic.stances.first()))
    return positions


def test_reports_by_others_on_an_authors_old_posts_do_not_rate_limit_the_author(
    client, newcomer, open_topic
):
    for position in _old_positions_of(newcomer, 3):
        services.report_create(reporter=UserFactory(), content=position, reason=Reason.SPAM)
    assert ModeratedItem.objects.filter(author=newcomer).count() == 3
    client.force_login(newcomer)
    target = PositionFactory(topic=open_topic)
    statuses = [
        client.post(POST_URL, reply_data(target, text=f"Reply {n}")).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_a_moderator_opening_an_authors_posts_does_not_rate_limit_the_author(
    client, newcomer, open_topic
):
    for position in _old_positions_of(newcomer, 3):
        services.item_track(content=position, holds=[])  # what opening it for review does
    client.force_login(newcomer)
    target = PositionFactory(topic=open_topic)
    assert client.post(POST_URL, reply_data(target, text="Still welcome")).status_code == 302


def _revise(client, position, n):
    return client.post(
        f"{position.get_absolute_url()}revise/",
        {"stance": position.stance_id, "claim": f"Claim, take {n}", "body": f"Body, take {n}."},
    )


def test_revisions_count_and_the_one_over_the_limit_is_refused_with_nothing_written(
    client, open_topic
):
    veteran = UserFactory(date_joined=timezone.now() - datetime.timedelta(days=30))
    position = positions_services.position_create(
        author=veteran,
        topic=open_topic,
        stance=open_topic.stances.first(),
        claim="Claim",
        body="Body.",
    )
    client.force_login(veteran)
    statuses = [_revise(client, position, n).status_code for n in range(12)]
    # Twelve a minute for an established account: the position and eleven revisions.
    assert statuses == [302] * 11 + [429]
    position.refresh_from_db()
    assert position.claim == "Claim, take 10"
    assert PositionRevision.objects.filter(position=position).count() == 12
    assert (
        list(
            Contribution.objects.filter(user=veteran).values_list("kind", flat=True).order_by("pk")
        )
        == ["new"] + ["revision"] * 11
    )


def test_a_revision_and_a_reply_share_the_limit(client, newcomer, open_topic):
    position = positions_services.position_create(
        author=newcomer, topic=open_topic, stance=open_topic.stances.first(), claim="C", body="B"
    )
    client.force_login(newcomer)
    assert _revise(client, position, 1).status_code == 302
    target = PositionFactory(topic=open_topic, stance=open_topic.stances.last())
    assert client.post(POST_URL, reply_data(target, text="Third")).status_code == 429
    assert not Reply.objects.exists()


def test_an_unchanged_revision_and_a_refused_post_are_not_counted(newcomer, open_topic):
    stance = open_topic.stances.first()
    position = positions_services.position_create(
        author=newcomer, topic=open_topic, stance=stance, claim="C", body="B"
    )
    positions_services.position_revise(
        editor=newcomer, position=position, stance=stance, claim="C", body="B"
    )
    with pytest.raises(ValidationError, match="already hold a position"):
        positions_services.position_create(
            author=newcomer, topic=open_topic, stance=stance, claim="Again", body="B"
        )
    assert Contribution.objects.filter(user=newcomer).count() == 1
    assert Position.objects.filter(author=newcomer).count() == 1
