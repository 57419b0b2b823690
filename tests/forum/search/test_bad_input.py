"""Whatever the query string holds, the search page answers with a page that says what it did,
never a 500, and writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.search import selectors
from forum.search.models import SearchEntry

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture
def some_content(open_topic, indexed_position):
    return indexed_position(topic=open_topic, claim="주장 50% 100_000", body="암호화는 필요하다")


def _page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_url_is_named(client):
    assert reverse("forum:search") == URL


def test_an_empty_query_says_what_to_do(client, some_content, django_assert_num_queries):
    for query in ("", "   ", "\t\n"):
        page = _page(client, q=query)
        assert "Type a word or two to search" in page


def test_a_long_query_is_cut_and_says_so(client, some_content):
    page = _page(client, q="암호화 " + "가" * 1_000)
    assert "only its first 200 were searched" in page
    assert "가" * 201 not in page


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "_",
        "%%",
        "50%",
        "100_000",
        "'",
        '"',
        "\\",
        "\\'",
        "' OR 1=1 --",
        "'; DROP TABLE forum_searchentry; --",
        "암호화' & '",
        "암호화:* | !수사",
        "a <-> b",
        "(((",
        ")",
        "NEAR(a b)",
        '"unterminated',
        "col:암호화",
        "^암호화",
        "암호화*",
        "AND OR NOT",
        "&amp; <script>alert(1)</script>",
        "١٢٣",
        "²",
        "🙂" * 50,
        "\u200b\u202e",
    ],
)
def test_syntax_of_every_kind_is_only_text(client, some_content, query):
    before = SearchEntry.objects.count()
    page = _page(client, q=query)
    assert "<script>alert(1)</script>" not in page
    assert SearchEntry.objects.count() == before


def test_percent_and_underscore_are_not_wildcards(client, some_content, open_topic):
    page = _page(client, q="50%")
    assert "1 result for" in page
    assert "Nothing you may read matches" in _page(client, q="5_%")


def test_a_nul_byte_is_refused_with_a_page_that_says_why(client, some_content):
    response = client.get(URL, {"q": "암호화\x00"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_the_selector_drops_nul_and_control_characters_itself():
    assert selectors.parse_query("암호\x00화\x07").text == "암호 화"


@pytest.mark.parametrize("page", ["0", "-1", "1e3", "²", "١٢", "x", "9" * 30, " 2"])
def test_a_page_number_not_understood_shows_the_first_page(client, some_content, page):
    text = _page(client, q="암호화", page=page)
    assert "The page number was not understood" in text
    assert "1 result for" in text


@pytest.mark.parametrize("page", ["2", "999999999999999999"])
def test_a_page_past_the_end_says_where_results_end(client, some_content, page):
    text = _page(client, q="암호화", page=page)
    assert f"There is no page {page} of these results" in text
    assert "page=1" in text


@pytest.mark.parametrize(
    "params",
    [
        {"consultation": "no-such-consultation"},
        {"consultation": "'; --"},
        {"topic": "١"},
        {"topic": "99999"},
        {"stance": "abc"},
        {"kind": "user"},
        {"kind": "%"},
    ],
)
def test_filters_that_name_nothing_are_left_out_and_said(client, some_content, params):
    text = _page(client, q="암호화", **params)
    assert "left out" in text
    assert "1 result for" in text


def test_a_draft_consultation_is_no_filter(client, some_content, draft_topic):
    text = _page(client, q="암호화", consultation=draft_topic.consultation.slug)
    assert "left out" in text
    assert f">{draft_topic.consultation.title_en}<" not in text
    assert f'value="{draft_topic.consultation.slug}"' not in text


def test_page_queries_are_constant(client, open_topic, indexed_position, django_assert_num_queries):
    indexed_position(topic=open_topic, claim="주장", body="암호화")
    # The consultations for the filter, the count, the page (sessions: none, anonymous).
    with django_assert_num_queries(3):
        _page(client, q="암호화")
    for index in range(30):
        indexed_position(topic=open_topic, claim=f"주장 {index}", body="암호화와 수사기관")
    with django_assert_num_queries(3):
        _page(client, q="암호화")
    with django_assert_num_queries(3):
        _page(client, q="암호화", page=2)
    # With a consultation and a topic chosen: their topics and stances, one query each.
    with django_assert_num_queries(5):
        _page(
            client,
            q="암호화 수사기관",
            consultation=open_topic.consultation.slug,
            topic=str(open_topic.pk),
        )
    # An empty query runs no search.
    with django_assert_num_queries(1):
        _page(client, q="")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=300).filter(lambda text: "\x00" not in text))
def test_any_text_gives_a_page(client, some_content, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_is_a_valid_database_query(some_content, text):
    from django.contrib.auth.models import AnonymousUser

    query = selectors.parse_query(text)
    filters = selectors.search_filters(consultation="", topic="", stance="", kind="")
    selectors.search(user=AnonymousUser(), query=query, filters=filters, page=1)
