"""The read API's endpoints: what each lists and shows, to whom, filtered and paged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.accounts.deletion import account_delete
from forum.models import Consultation, OpinionSnapshot, Phase
from tests.api.conftest import SECRET
from tests.factories import (
    ConsultationFactory,
    PositionFactory,
    StanceFactory,
    TopicFactory,
    UserFactory,
    make_reply,
)

API = "/api/v1/"


def _get(client, path, **params):
    response = client.get(API + path, params)
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response


def _all(client, path, **params) -> list[dict]:
    """Every result of a list, following its cursor links."""
    results: list[dict] = []
    response = _get(client, path, **params)
    assert response.status_code == 200, response.content
    while True:
        body = response.json()
        results += body["results"]
        if not body["next"]:
            return results
        response = client.get(body["next"])
        assert response.status_code == 200


def _ids(results) -> set:
    return {r["id"] for r in results}


# Consultations and topics ------------------------------------------------------------------


def test_consultations_list_the_public_ones_with_counts_never_the_draft(client, world):
    results = _all(client, "consultations/")
    slugs = {r["slug"] for r in results}
    assert world.open_topic.consultation.slug in slugs
    assert world.closed_topic.consultation.slug in slugs
    assert world.draft_topic.consultation.slug not in slugs
    opened = next(r for r in results if r["slug"] == world.open_topic.consultation.slug)
    assert opened["phase"] == "open"
    assert opened["topic_count"] == 1
    assert opened["position_count"] == 2  # published and by_deleted; never held or hidden
    assert opened["url"] == f"http://testserver/consultations/{opened['slug']}/"


def test_a_consultation_detail_by_slug_and_a_draft_one_is_not_found(client, world):
    slug = world.open_topic.consultation.slug
    assert _get(client, f"consultations/{slug}/").json()["slug"] == slug
    draft = world.draft_topic.consultation.slug
    assert _get(client, f"consultations/{draft}/").status_code == 404


def test_staff_who_see_drafts_on_pages_do_not_see_them_in_the_api(client, world, organizer):
    client.force_login(organizer)
    draft = world.draft_topic.consultation.slug
    assert draft not in {r["slug"] for r in _all(client, "consultations/")}
    assert _get(client, f"consultations/{draft}/").status_code == 404
    assert world.positions["draft"].pk not in _ids(_all(client, "positions/"))


def test_consultations_filter_by_phase_and_refuse_draft_as_a_phase(client, world):
    # Its only topic's summary was published: the consultation moved on to "summarised".
    summarised = _all(client, "consultations/", phase="summarised")
    assert {r["slug"] for r in summarised} == {world.closed_topic.consultation.slug}
    assert _all(client, "consultations/", phase="closed") == []
    response = _get(client, "consultations/", phase="draft")
    assert response.status_code == 400
    assert "phase" in response.json()


def test_topics_carry_their_stances_in_the_requested_language(client, world):
    results = _all(client, "topics/", consultation=world.open_topic.consultation.slug)
    assert _ids(results) == {world.open_topic.pk}
    topic = results[0]
    assert [s["key"] for s in topic["stances"]] == ["privacy", "investigation", "conditional"]
    assert topic["stances"][0]["label"] == "Protect privacy"
    assert topic["stances"][0]["position_count"] == 2
    korean = _get(client, f"topics/{world.open_topic.pk}/", lang="ko")
    assert korean["Content-Language"] == "ko"
    assert korean.json()["stances"][0]["label"] == "프라이버시 보호"
    by_header = client.get(f"{API}topics/{world.open_topic.pk}/", headers={"accept-language": "ko"})
    assert by_header.json()["stances"][0]["label"] == "프라이버시 보호"


def test_a_topic_of_a_draft_consultation_is_not_found(client, world):
    assert _get(client, f"topics/{world.draft_topic.pk}/").status_code == 404
    assert world.draft_topic.pk not in _ids(_all(client, "topics/"))


# Positions -------------------------------------------------------------------------------------


def test_positions_list_only_what_a_visitor_may_read(client, world):
    listed = _ids(_all(client, "positions/"))
    p = world.positions
    assert listed == {p["published"].pk, p["by_deleted"].pk, p["closed"].pk, p["closed_other"].pk}


def test_a_position_shows_its_author_by_display_name_stance_and_votes(client, world):
    body = _get(client, f"positions/{world.positions['published'].pk}/").json()
    assert body["author"] == "author"
    assert body["status"] == "published"
    assert body["reason"] is None
    assert body["stance"] == {"key": "privacy", "label": "Protect privacy"}
    assert body["votes"] == {"agree": 1, "disagree": 1, "pass": 1}
    assert body["reply_count"] == 2
    assert body["claim"] == "A published claim"
    assert body["body_html"].startswith("<p>")
    gone = _get(client, f"positions/{world.positions['by_deleted'].pk}/").json()
    assert gone["author"] == "deleted participant"


@pytest.mark.parametrize("state", ["hidden", "removed"])
def test_a_hidden_or_removed_position_is_a_placeholder_with_its_reason(client, world, state):
    body = _get(client, f"positions/{world.positions[state].pk}/").json()
    assert body["status"] == state
    assert body["reason"] == "spam"
    for name in ("claim", "body", "body_html", "author", "stance", "votes"):
        assert body[name] is None, name


@pytest.mark.parametrize("state", ["held", "draft"])
def test_a_held_or_draft_position_does_not_exist_for_a_visitor(client, world, state):
    assert _get(client, f"positions/{world.positions[state].pk}/").status_code == 404


def test_an_author_reads_their_own_held_position_and_a_moderator_reads_all(client, world):
    held = world.positions["held"]
    client.force_login(held.author)
    assert _get(client, f"positions/{held.pk}/").json()["claim"] == held.claim
    assert held.pk in _ids(_all(client, "positions/"))
    client.force_login(world.moderator)
    listed = _ids(_all(client, "positions/"))
    assert {world.positions[k].pk for k in ("held", "hidden", "removed")} <= listed
    assert world.positions["draft"].pk not in listed
    hidden = _get(client, f"positions/{world.positions['hidden'].pk}/").json()
    assert hidden["status"] == "hidden"
    assert hidden["claim"] == world.positions["hidden"].claim


def test_positions_filter_by_consultation_topic_and_stance(client, world):
    p = world.positions
    by_consultation = _all(client, "positions/", consultation=world.closed_topic.consultation.slug)
    assert _ids(by_consultation) == {p["closed"].pk, p["closed_other"].pk}
    by_id = _all(client, "positions/", topic=str(world.open_topic.pk))
    assert _ids(by_id) == {p["published"].pk, p["by_deleted"].pk}
    slugs = f"{world.open_topic.consultation.slug}/{world.open_topic.slug}"
    assert _ids(_all(client, "positions/", topic=slugs)) == _ids(by_id)
    stance = _all(client, "positions/", topic=slugs, stance="privacy")
    assert _ids(stance) == _ids(by_id)
    assert _all(client, "positions/", topic=slugs, stance="investigation") == []


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"consultation": "no-such-consultation"}, "consultation"),
        ({"topic": "999999"}, "topic"),
        ({"topic": "a/b/c"}, "topic"),
        ({"stance": "privacy"}, "stance"),
        ({"topic": "%", "stance": "privacy"}, "topic"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_a_filter_that_names_nothing_is_refused_with_a_message(client, world, params, name):
    response = _get(client, "positions/", **params)
    assert response.status_code == 400
    assert name in response.json()


def test_a_draft_consultation_is_refused_as_a_filter_like_an_unknown_one(client, world):
    draft = _get(client, "positions/", consultation=world.draft_topic.consultation.slug)
    unknown = _get(client, "positions/", consultation="no-such-consultation")
    assert draft.status_code == unknown.status_code == 400
    assert draft.json() == unknown.json()
    topic = _get(client, "positions/", topic=str(world.draft_topic.pk))
    assert topic.status_code == 400


def test_an_unknown_stance_of_a_real_topic_is_refused(client, world):
    response = _get(client, "positions/", topic=str(world.open_topic.pk), stance="nonsense")
    assert response.status_code == 400
    assert "stance" in response.json()


# Replies ---------------------------------------------------------------------------------------


def test_replies_list_only_readable_ones_under_positions_a_visitor_may_know(client, world):
    r = world.replies
    listed = _ids(_all(client, "replies/"))
    assert listed == {r["published"].pk, r["answer"].pk, r["under_hidden"].pk}


def test_a_reply_names_its_position_parent_and_author_by_display_name(client, world):
    r = world.replies
    root = _get(client, f"replies/{r['published'].pk}/").json()
    assert root["position"] == world.positions["published"].pk
    assert root["parent"] is None
    assert root["level"] == 0
    answer = _get(client, f"replies/{r['answer'].pk}/").json()
    assert answer["parent"] == r["published"].pk
    assert answer["author"] == "deleted participant"
    assert answer["leaning_label"] == "Neutral toward the reply"


@pytest.mark.parametrize("state", ["held", "hidden", "removed", "under_held", "in_draft"])
def test_a_reply_a_visitor_may_not_read_is_not_found(client, world, state):
    assert _get(client, f"replies/{world.replies[state].pk}/").status_code == 404


def test_replies_filter_by_position_topic_and_consultation(client, world):
    r = world.replies
    under = _all(client, "replies/", position=str(world.positions["published"].pk))
    assert _ids(under) == {r["published"].pk, r["answer"].pk}
    held = _get(client, "replies/", position=str(world.positions["held"].pk))
    unknown = _get(client, "replies/", position="999999")
    assert held.status_code == unknown.status_code == 400
    assert held.json() == unknown.json()
    by_topic = _all(client, "replies/", topic=str(world.open_topic.pk))
    assert _ids(by_topic) == {r["published"].pk, r["answer"].pk, r["under_hidden"].pk}
    assert _all(client, "replies/", consultation=world.closed_topic.consultation.slug) == []
    assert _get(client, "replies/", position="١٢").status_code == 400


# Summaries and opinion maps --------------------------------------------------------------------


def test_summaries_are_published_versions_with_citations_never_drafts(client, world):
    results = _all(client, "summaries/")
    assert len(results) == 1
    summary = results[0]
    assert summary["scope"] == "topic"
    assert summary["topic"] == world.closed_topic.pk
    assert summary["consultation"] == world.closed_topic.consultation.slug
    assert summary["number"] == 1
    closed = world.positions["closed"]
    assert summary["citations"] == [
        {"number": 1, "position": closed.pk, "url": f"http://testserver{closed.get_absolute_url()}"}
    ]
    assert summary["figures"]["positions"] == 2
    assert SECRET not in str(summary)
    assert _get(client, f"summaries/{summary['id']}/").json() == summary
    assert _all(client, "summaries/", topic=str(world.open_topic.pk)) == []


def test_the_opinion_map_names_only_public_positions_and_no_account(client, world):
    results = _all(client, "opinion-maps/")
    assert [r["topic"] for r in results] == [world.open_topic.pk]
    snapshot = results[0]
    published = world.positions["published"].pk
    assert [g["letter"] for g in snapshot["groups"]] == ["A", "B"]
    assert [rep["position"] for rep in snapshot["groups"][0]["representative"]] == [published]
    assert [c["position"] for c in snapshot["consensus"]] == [published]
    assert snapshot["points"] == sorted(snapshot["points"], key=lambda p: (p[2], p[0], p[1]))
    assert "places" not in snapshot
    assert "members" not in snapshot
    detail = _get(client, f"opinion-maps/{world.open_topic.pk}/")
    assert detail.json() == snapshot
    assert _get(client, f"opinion-maps/{world.draft_topic.pk}/").status_code == 404


# Pages -----------------------------------------------------------------------------------------


def test_cursor_pages_cover_every_position_once_and_stay_stable(client, world):
    for n in range(5):
        PositionFactory(topic=world.open_topic, claim=f"Extra {n}")
    first = _get(client, "positions/", page_size="3").json()
    assert len(first["results"]) == 3
    assert first["previous"] is None
    everything = _all(client, "positions/", page_size="3")
    ids = [r["id"] for r in everything]
    assert len(ids) == len(set(ids)) == 9
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ==", "cD1hYmM=", "cD3Zotii", "١٢"],
)
def test_a_bad_cursor_is_a_404_in_json_never_a_500(client, world, cursor):
    # Base64 of "p=99999999999999999999999999", "p=abc" and "p=" with Arabic-Indic digits.
    response = _get(client, "positions/", cursor=cursor)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_an_unknown_address_under_the_api_answers_json(client, db):
    response = _get(client, "nothing-here/")
    assert response.status_code == 404


def test_the_api_is_read_only(client, world):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{API}positions/{world.positions['published'].pk}/")
        assert response.status_code in (403, 405), (method, response.status_code)
    assert Consultation.objects.filter(phase=Phase.DRAFT).count() == 1


@pytest.mark.parametrize(
    "path",
    ["consultations/", "topics/", "positions/", "replies/", "summaries/", "opinion-maps/"],
)
def test_a_list_page_costs_the_same_queries_whatever_its_size(client, world, path):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, path).status_code == 200
        return len(queries)

    before = count()
    for n in range(6):
        consultation = ConsultationFactory()
        topic = TopicFactory(consultation=consultation, slug=f"more-{n}")
        StanceFactory(topic=topic)
        position = PositionFactory(topic=topic, claim=f"More {n}")
        make_reply(position, text=f"More replies {n}")
        OpinionSnapshot.objects.create(topic=topic, status="not_enough_votes", data={})
    assert count() == before


def test_text_erased_by_its_author_on_leaving_is_no_ones_words_in_the_api(client, open_topic):
    leaving = UserFactory(username="leaving")
    position = PositionFactory(topic=open_topic, author=leaving, claim="Words to be erased")
    reply = make_reply(position, author=leaving, text="A reply to be erased")
    account_delete(user=leaving, erase_text=True)
    shown = _get(client, f"positions/{position.pk}/").json()
    assert (shown["erased"], shown["claim"], shown["body"], shown["body_html"]) == (
        True,
        None,
        None,
        None,
    )
    assert shown["author"] == "deleted participant"
    answer = _get(client, f"replies/{reply.pk}/").json()
    assert (answer["erased"], answer["body"], answer["body_html"]) == (True, None, None)
    assert b"[erased]" not in client.get(API + "positions/").content
