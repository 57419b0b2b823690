"""The opinion map page: "you are here" for the voter alone, groups chosen by a plain link,
only visible positions, and a constant number of queries."""

from __future__ import annotations

import pytest

from forum.votes import services as votes_services
from moderation import services as moderation_services
from moderation.models import Reason
from tests.factories import PositionFactory, UserFactory

YOU = "You are here"


@pytest.fixture
def mapped(open_topic):
    """Two camps of eight voters on eight positions, and the map computed from their votes."""
    stances = list(open_topic.stances.all())
    positions = [
        PositionFactory(topic=open_topic, stance=stances[i % 2], claim=f"Map claim {'ABCDEFGH'[i]}")
        for i in range(8)
    ]
    voters = UserFactory.create_batch(16)
    for index, voter in enumerate(voters):
        for number, position in enumerate(positions):
            agrees = (number % 2 == index % 2) or number == 7
            votes_services.vote_cast(voter=voter, position=position, value=1 if agrees else -1)
    snapshot = votes_services.opinions_compute(topic=open_topic)
    assert snapshot.status == "ok"
    return open_topic, positions, voters, snapshot


def _url(topic, query=""):
    return f"{topic.get_absolute_url()}opinions/{query}"


def test_you_are_here_is_the_voters_own_point_and_only_theirs(client, mapped):
    topic, _positions, voters, snapshot = mapped
    seen = set()
    for voter in voters[:2]:
        client.force_login(voter)
        response = client.get(_url(topic))
        you = response.context["you"]
        x, y, label = response.context["points"][snapshot.data["places"][str(voter.pk)]]
        assert (you["x"], you["y"], you["label"]) == (x, y, label)
        assert response.content.decode().count(YOU) >= 2  # on the map and in the legend
        seen.add((x, y))
    assert len(seen) == 2


def test_visitors_and_people_off_the_map_see_no_you_are_here(client, mapped, citizen):
    topic, *_ = mapped
    page = client.get(_url(topic))
    assert page.context["you"] is None and YOU not in page.content.decode()
    client.force_login(citizen)
    page = client.get(_url(topic))
    text = page.content.decode()
    assert page.context["you"] is None and YOU not in text
    assert "You are not on the map yet" in text


def test_the_page_names_no_participant(client, mapped):
    topic, _positions, voters, _snapshot = mapped
    client.force_login(voters[0])
    text = client.get(_url(topic)).content.decode()
    assert not any(v.username in text for v in voters[1:])


def test_a_group_link_shows_what_sets_the_group_apart(client, mapped):
    topic, _positions, _voters, snapshot = mapped
    response = client.get(_url(topic, "?group=b"))
    group = response.context["selected_group"]
    assert group.letter == "B" and group.representative
    text = response.content.decode()
    assert "What sets group B apart" in text and 'id="group-B"' in text
    assert 'id="group-A"' not in text
    wanted = {r["position"] for r in snapshot.data["groups"][1]["representative"]}
    for rep in group.representative:
        assert rep["position"].pk in wanted
        assert rep["position"].get_absolute_url() in text
        assert f'stance-tag fill-{rep["stance_colour"]}">{rep["position"].stance.label}' in text
    assert "% of the others do." in text
    assert 'class="hull selected"' in text and 'aria-current="true"' in text


def test_a_hidden_position_never_appears_not_even_its_claim(client, mapped):
    topic, positions, _voters, snapshot = mapped
    rep = snapshot.data["groups"][0]["representative"][0]["position"]
    hidden = next(p for p in positions if p.pk == rep)
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(moderation_services.moderators_group())
    item = moderation_services.item_track(content=hidden, holds=[])
    moderation_services.item_act(moderator=moderator, item=item, action="hide", reason=Reason.SPAM)
    for query in ("", "?group=A", "?group=B"):
        text = client.get(_url(topic, query)).content.decode()
        assert hidden.claim not in text
        assert hidden.get_absolute_url() not in text


@pytest.mark.parametrize("query", ["?group=Z", "?group=E", "?group=<b>", "?group="])
def test_an_unknown_group_shows_every_group(client, mapped, query):
    topic, *_ = mapped
    response = client.get(_url(topic, query))
    assert response.status_code == 200
    assert response.context["selected_group"] is None
    assert 'id="group-A"' in response.content.decode()
    assert response.context["unknown_group"] == (query != "?group=")


# Topic with stances and sources, snapshot, positions; a visitor adds the page generations
# (forum/caching/pages.py). A citizen after that adds session and user, and reads the topic
# with its stances and sources from the cache (forum/consultations/views.py topic_or_404).
MAP_QUERIES_VISITOR = 6
MAP_QUERIES_CITIZEN = 5


@pytest.mark.parametrize("extra_voters", [0, 24])
def test_the_map_page_costs_a_constant_number_of_queries(
    client, mapped, django_assert_num_queries, extra_voters
):
    topic, positions, voters, _snapshot = mapped
    for index, voter in enumerate(UserFactory.create_batch(extra_voters)):
        for number, position in enumerate(positions):
            value = 1 if (number + index) % 3 else -1
            votes_services.vote_cast(voter=voter, position=position, value=value)
    votes_services.opinions_compute(topic=topic)
    with django_assert_num_queries(MAP_QUERIES_VISITOR):
        client.get(_url(topic, "?group=A"))
    client.force_login(voters[0])
    with django_assert_num_queries(MAP_QUERIES_CITIZEN):
        client.get(_url(topic))
