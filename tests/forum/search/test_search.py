"""Search through the selector and the page, on whichever database the suite runs on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from forum.search import selectors
from forum.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _search(user, text, **filters):
    query = selectors.parse_query(text)
    found = selectors.search(
        user=user,
        query=query,
        filters=selectors.search_filters(
            consultation=filters.get("consultation", ""),
            topic=filters.get("topic", ""),
            stance=filters.get("stance", ""),
            kind=filters.get("kind", ""),
        ),
        page=filters.get("page", 1),
    )
    return found


def _urls(found):
    return [result.url for result in found.results]


@pytest.mark.parametrize("body", ["암호화는 필요하다.", "암호화를 반대한다.", "암호화가 문제다."])
def test_a_korean_noun_finds_every_form(open_topic, indexed_position, body):
    position = indexed_position(topic=open_topic, claim="한 줄 주장", body=body)
    found = _search(AnonymousUser(), "암호화")
    assert _urls(found) == [position.get_absolute_url()]


def test_a_compound_finds_its_spaced_spelling_and_back(open_topic, indexed_position):
    joined = indexed_position(topic=open_topic, claim="주장 하나", body="수사기관이 요구한다.")
    spaced = indexed_position(topic=open_topic, claim="주장 둘", body="수사 기관의 요구.")
    for query in ("수사기관", "수사 기관"):
        assert set(_urls(_search(AnonymousUser(), query))) == {
            joined.get_absolute_url(),
            spaced.get_absolute_url(),
        }


def test_english_is_stemmed(open_topic, indexed_position):
    position = indexed_position(topic=open_topic, claim="Keys", body="Messages are encrypted.")
    assert _urls(_search(AnonymousUser(), "encryption")) == [position.get_absolute_url()]


def test_matched_words_are_marked_in_an_escaped_snippet(open_topic, indexed_position):
    indexed_position(
        topic=open_topic, claim="주장", body="<script>x</script> 암호화는 **중요**하다 & 'quoted'"
    )
    result = _search(AnonymousUser(), "암호화").results[0]
    assert "<mark>암호화</mark>" in result.snippet
    assert "<script>" not in result.snippet
    assert "&amp;" in result.snippet


def test_positions_consultations_topics_and_replies_are_found(
    open_topic, indexed_position, indexed_reply
):
    from forum.consultations.services import consultation_save, topic_save

    consultation = open_topic.consultation
    consultation.title_ko = "종단간 암호화 공론장"
    consultation_save(consultation=consultation)
    open_topic.question_ko = "메신저 암호화를 약화해야 하는가?"
    topic_save(topic=open_topic)
    position = indexed_position(topic=open_topic, claim="주장", body="암호화는 지켜야 한다.")
    reply = indexed_reply(position, text="암호화가 없으면 위험하다.")
    found = _search(AnonymousUser(), "암호화")
    assert {r.kind for r in found.results} == {"consultation", "topic", "position", "reply"}
    assert reply.get_absolute_url() in _urls(found)


def test_search_documents_hold_no_author_name(open_topic, indexed_position, indexed_reply):
    position = indexed_position(topic=open_topic, claim="주장", body="본문")
    indexed_reply(position, text="답글")
    names = {position.author.username}
    for entry in SearchEntry.objects.all():
        for name in names:
            assert name not in entry.document
            assert name not in entry.text
            assert name not in entry.title


def test_revising_a_position_reindexes_it(open_topic, citizen):
    from forum.positions.services import position_create, position_revise

    stance = open_topic.stances.first()
    position = position_create(
        author=citizen, topic=open_topic, stance=stance, claim="처음 주장", body="감청은 위험하다."
    )
    assert _urls(_search(AnonymousUser(), "감청"))
    position_revise(
        editor=citizen, position=position, stance=stance, claim="바뀐 주장", body="암호화가 먼저다."
    )
    assert not _urls(_search(AnonymousUser(), "감청"))
    assert _urls(_search(AnonymousUser(), "암호화")) == [position.get_absolute_url()]


def test_partial_words_match_titles(open_topic, indexed_position):
    position = indexed_position(topic=open_topic, claim="Backdoors weaken everyone", body="x")
    assert _urls(_search(AnonymousUser(), "backdo")) == [position.get_absolute_url()]


def test_filters_by_consultation_topic_stance_and_kind(
    open_topic, closed_topic, indexed_position, indexed_reply
):
    privacy, investigation = list(open_topic.stances.all())[:2]
    a = indexed_position(topic=open_topic, stance=privacy, claim="가", body="암호화 찬성")
    b = indexed_position(topic=open_topic, stance=investigation, claim="나", body="암호화 반대")
    c = indexed_position(topic=closed_topic, claim="다", body="암호화 보류")
    indexed_reply(a, text="암호화 답글")
    user = AnonymousUser()
    slug = open_topic.consultation.slug
    assert set(_urls(_search(user, "암호화", kind="position"))) == {
        p.get_absolute_url() for p in (a, b, c)
    }
    assert set(_urls(_search(user, "암호화", kind="position", consultation=slug))) == {
        a.get_absolute_url(),
        b.get_absolute_url(),
    }
    found = _search(
        user, "암호화", consultation=slug, topic=str(open_topic.pk), stance=str(privacy.pk)
    )
    assert _urls(found) == [a.get_absolute_url()]
    assert [r.kind for r in _search(user, "암호화", kind="reply").results] == ["reply"]


def test_pages_and_a_page_past_the_end(open_topic, indexed_position, settings):
    for index in range(selectors.RESULTS_PER_PAGE + 3):
        indexed_position(topic=open_topic, claim=f"주장 {index}", body="암호화")
    first = _search(AnonymousUser(), "암호화")
    second = _search(AnonymousUser(), "암호화", page=2)
    assert (first.total, first.num_pages, len(first.results)) == (23, 2, 20)
    assert len(second.results) == 3
    assert not set(_urls(first)) & set(_urls(second))
    past = _search(AnonymousUser(), "암호화", page=99)
    assert past.past_end and past.results == []


def test_the_page_shows_kind_title_breadcrumbs_stance_and_snippet(
    client, open_topic, indexed_position
):
    position = indexed_position(topic=open_topic, claim="암호화 주장", body="암호화는 중요하다")
    response = client.get(reverse("forum:search"), {"q": "암호화"})
    assert response.status_code == 200
    page = response.content.decode()
    assert position.get_absolute_url() in page
    assert open_topic.consultation.get_absolute_url() in page
    assert open_topic.get_absolute_url() in page
    assert "stance-tag" in page
    assert "<mark>암호화</mark>" in page
    assert "1 result for" in page


def test_every_page_has_a_labelled_search_box(client, open_topic):
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert 'role="search"' in page
    assert '<label for="site-search-q"' in page


def test_counting_stops_at_the_limit_and_the_page_says_there_are_more(
    open_topic, indexed_position, client, monkeypatch
):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)
    monkeypatch.setattr(selectors, "RESULTS_PER_PAGE", 2)
    for number in range(5):
        indexed_position(topic=open_topic, claim=f"감시 {number}", body="감시 사회를 걱정한다.")
    found = _search(AnonymousUser(), "감시")
    assert (found.total, found.more, found.num_pages, len(found.results)) == (3, True, 2, 2)
    assert [result.title for result in found.results] == [
        "<mark>감시</mark> 4",
        "<mark>감시</mark> 3",
    ]  # newest first, past the limit
    assert len(_search(AnonymousUser(), "감시", page=2).results) == 1
    assert _search(AnonymousUser(), "감시", page=3).past_end
    page = client.get(reverse("forum:search"), {"q": "감시"}).content.decode()
    assert "More than 3 results for “감시”, newest first." in page
