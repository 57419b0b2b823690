"""Votes on positions, "vote on more", and the opinion map computed by the task."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from forum.models import OpinionSnapshot, Phase, Vote, VoteValue
from forum.votes import services as votes_services
from forum.votes.tasks import opinions_request
from moderation import services as moderation_services
from moderation.models import Reason
from tests.factories import PositionFactory, UserFactory


@pytest.fixture
def position(open_topic, other_citizen):
    return PositionFactory(topic=open_topic, author=other_citizen)


def _vote_url(position):
    return f"{position.get_absolute_url()}vote/"


def test_a_citizen_votes_changes_the_vote_and_sees_it_marked(citizen_client, citizen, position):
    response = citizen_client.post(_vote_url(position), {"value": "1"})
    assert response.status_code == 302
    assert Vote.objects.get().value == VoteValue.AGREE
    citizen_client.post(_vote_url(position), {"value": "-1"})
    assert list(Vote.objects.values_list("value", flat=True)) == [VoteValue.DISAGREE]
    page = citizen_client.get(position.get_absolute_url()).content.decode()
    assert 'value="-1" class="vote-button vote-disagree" aria-pressed="true"' in page
    assert "Disagree 1" in page


def test_voting_by_script_answers_json_with_the_counts(citizen_client, position):
    response = citizen_client.post(
        _vote_url(position), {"value": "0"}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"agree": 0, "disagree": 0, "pass": 1, "mine": 0}


@pytest.mark.parametrize("value", ["2", "agree", "", "1.5"])
def test_an_invalid_vote_is_refused_and_writes_nothing(citizen_client, position, value):
    response = citizen_client.post(_vote_url(position), {"value": value}, follow=True)
    assert "Vote agree, disagree or pass." in response.content.decode()
    assert not Vote.objects.exists()


def test_a_vote_with_a_nul_is_refused_with_a_400_and_writes_nothing(citizen_client, position):
    response = citizen_client.post(_vote_url(position), {"value": "1\x00"})
    assert response.status_code == 400
    assert "The request contained a NUL character" in response.content.decode()
    assert not Vote.objects.exists()


def test_nobody_votes_on_their_own_position(client, other_citizen, position):
    client.force_login(other_citizen)
    response = client.post(_vote_url(position), {"value": "1"})
    assert response.status_code == 403
    assert "You cannot vote on your own position." in response.content.decode()
    assert not Vote.objects.exists()


def test_no_votes_on_a_closed_topic_or_a_removed_position(
    client, citizen, closed_topic, open_topic
):
    client.force_login(citizen)
    closed = PositionFactory(topic=closed_topic)
    assert client.post(_vote_url(closed), {"value": "1"}).status_code == 403
    removed = PositionFactory(topic=open_topic)
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(moderation_services.moderators_group())
    item = moderation_services.item_track(content=removed, holds=[])
    moderation_services.item_act(
        moderator=moderator, item=item, action="remove", reason=Reason.SPAM
    )
    # Removed content is not readable by the voter: it does not exist for a write.
    response = client.post(_vote_url(removed), {"value": "1"})
    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_visitors_and_unverified_accounts_cannot_vote(client, unverified_citizen, position):
    assert client.post(_vote_url(position), {"value": "1"}).status_code == 302  # to sign in
    with pytest.raises(PermissionDenied, match="Verify your e-mail"):
        votes_services.vote_cast(voter=unverified_citizen, position=position, value=1)
    assert not Vote.objects.exists()


def test_two_votes_at_once_leave_one_row(citizen, position):
    # The upsert is one statement settled by the unique constraint: repeat it as a race would.
    for value in (1, -1, 0, 1):
        votes_services.vote_cast(voter=citizen, position=position, value=value)
    assert Vote.objects.count() == 1
    assert Vote.objects.get().value == 1


def test_a_vote_is_one_insert_on_conflict_update(citizen, position, django_assert_num_queries):
    votes_services.vote_cast(voter=citizen, position=position, value=1)
    citizen = type(citizen).objects.get(pk=citizen.pk)
    position = type(position).objects.select_related("topic__consultation").get(pk=position.pk)
    # The account's standing (verified, not sanctioned), then the upsert.
    with django_assert_num_queries(2) as captured:
        votes_services.vote_cast(voter=citizen, position=position, value=-1)
    upsert = captured.captured_queries[-1]["sql"].upper()
    assert "ON CONFLICT" in upsert


def test_vote_on_more_offers_the_least_voted_positions_first(client, citizen, open_topic):
    stances = list(open_topic.stances.all())
    busy = PositionFactory(topic=open_topic, stance=stances[0])
    quiet = PositionFactory(topic=open_topic, stance=stances[1])
    for voter in UserFactory.create_batch(3):
        votes_services.vote_cast(voter=voter, position=busy, value=1)
    client.force_login(citizen)
    url = f"{open_topic.get_absolute_url()}vote/"
    page = client.get(url)
    assert page.context["position"] == quiet
    assert page.context["remaining"] == 2
    client.post(_vote_url(quiet), {"value": "1", "next": url})
    assert client.get(url).context["position"] == busy
    client.post(_vote_url(busy), {"value": "0", "next": url})
    assert "You have voted on every position" in client.get(url).content.decode()


def test_the_task_computes_the_map_after_votes_and_the_page_shows_groups(
    client, open_topic, django_capture_on_commit_callbacks
):
    stances = list(open_topic.stances.all())
    positions = [PositionFactory(topic=open_topic, stance=stances[i % 2]) for i in range(8)]
    voters = UserFactory.create_batch(16)
    with django_capture_on_commit_callbacks(execute=True):
        for index, voter in enumerate(voters):
            camp = index % 2
            for number, position in enumerate(positions):
                agrees = (number % 2 == camp) or number == 7
                votes_services.vote_cast(
                    voter=voter,
                    position=position,
                    value=1 if agrees else -1,
                    then=opinions_request,
                )
    snapshot = OpinionSnapshot.objects.get(topic=open_topic)
    assert (snapshot.status, snapshot.n_votes, len(snapshot.data["groups"])) == ("ok", 128, 2)
    # Debounced: within the minute, another vote does not recompute the map.
    with django_capture_on_commit_callbacks(execute=True):
        votes_services.vote_cast(
            voter=UserFactory(), position=positions[0], value=1, then=opinions_request
        )
    snapshot.refresh_from_db()
    assert snapshot.n_votes == 128
    votes_services.opinions_compute(topic=open_topic)
    snapshot.refresh_from_db()
    assert snapshot.n_votes == 129
    page = client.get(f"{open_topic.get_absolute_url()}opinions/").content.decode()
    assert "Group A" in page and "Group B" in page
    assert "Where the groups agree" in page
    assert positions[7].claim in page.split("Where the groups agree")[1]
    assert "<svg" in page and 'class="group-cards"' in page and "<table" not in page
    positions[7].refresh_from_db()
    assert positions[7].bridging_score is not None
    ordered = client.get(f"{open_topic.get_absolute_url()}?order=bridging")
    assert ordered.context["page"].object_list[0] == positions[7]


@pytest.mark.parametrize(
    "votes",
    [[], [(0, 0, 1)], [(v, p, 1) for v in range(10) for p in range(4)]],
    ids=["no votes", "one participant", "identical votes"],
)
def test_a_map_without_enough_signal_says_so(client, open_topic, votes):
    positions = [PositionFactory(topic=open_topic) for _ in range(4)]
    voters = UserFactory.create_batch(10)
    for v, p, value in votes:
        Vote.objects.create(voter=voters[v], position=positions[p], value=value)
    votes_services.opinions_compute(topic=open_topic)
    response = client.get(f"{open_topic.get_absolute_url()}opinions/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Not enough votes for a map yet" in text or "Everyone has voted alike" in text


def test_compute_opinions_command_reports_progress(open_topic, capsys):
    PositionFactory(topic=open_topic)
    call_command("compute_opinions")
    assert "[1/" in capsys.readouterr().out


def test_vote_counts_on_cards_cost_no_extra_queries(
    client, citizen, open_topic, django_assert_num_queries
):
    for position in [PositionFactory(topic=open_topic) for _ in range(25)]:
        votes_services.vote_cast(voter=citizen, position=position, value=1)
    client.force_login(citizen)
    with django_assert_num_queries(12):  # tests/forum/test_queries.py counts them
        response = client.get(open_topic.get_absolute_url())
    assert all(p.agree_count == 1 and p.my_vote == 1 for p in response.context["page"].object_list)


def test_an_unknown_order_is_404(client, open_topic):
    assert client.get(f"{open_topic.get_absolute_url()}?order=loudest").status_code == 404


def test_closed_topics_offer_no_vote_on_more(client, citizen, open_topic):
    open_topic.consultation.phase = Phase.CLOSED
    open_topic.consultation.save(update_fields=["phase"])
    assert (
        "Vote on more positions" not in client.get(open_topic.get_absolute_url()).content.decode()
    )


def test_vote_rejects_a_stale_value_type(citizen, position):
    with pytest.raises(ValidationError):
        votes_services.vote_cast(voter=citizen, position=position, value=None)
