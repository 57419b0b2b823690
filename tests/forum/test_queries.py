"""Public pages cost a constant number of queries and never write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PositionFactory, UserFactory

# consultation+topic, stances with counts, sources, positions count, positions page, the
# page's vote tallies and its reply counts (each one grouped query, whatever the number of
# cards), + the page generations (a miss of the readers' page cache, forum/caching/pages.py).
TOPIC_PAGE_QUERIES_VISITOR = 8
# + session, user, verified e-mail, own position (the generations are read for a citizen too:
# they key the topic's shared part).
TOPIC_PAGE_QUERIES_CITIZEN = 12
# Once any reader has read the topic since it last changed: its topic, stances and sources
# come from the cache.
TOPIC_PAGE_QUERIES_CITIZEN_SHARED = 9


def _fill(topic, count):
    stances = list(topic.stances.all())
    authors = UserFactory.create_batch(count)
    for index, author in enumerate(authors):
        PositionFactory(topic=topic, author=author, stance=stances[index % len(stances)])


@pytest.mark.parametrize("positions", [20, 200])
def test_topic_page_query_count_is_constant_for_visitors(
    client, open_topic, django_assert_num_queries, positions
):
    _fill(open_topic, positions)
    with django_assert_num_queries(TOPIC_PAGE_QUERIES_VISITOR):
        response = client.get(open_topic.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 20


@pytest.mark.parametrize("positions", [20, 200])
def test_topic_page_query_count_is_constant_for_citizens(
    client, citizen, open_topic, django_assert_num_queries, positions
):
    _fill(open_topic, positions)
    client.force_login(citizen)
    with django_assert_num_queries(TOPIC_PAGE_QUERIES_CITIZEN):
        assert client.get(open_topic.get_absolute_url()).status_code == 200
    with django_assert_num_queries(TOPIC_PAGE_QUERIES_CITIZEN_SHARED):
        assert client.get(open_topic.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("positions", [5, 60])
def test_home_and_consultation_pages_query_count_is_constant(
    client, open_topic, django_assert_num_queries, positions
):
    _fill(open_topic, positions)
    with django_assert_num_queries(2):  # generations, consultations
        client.get("/")
    # consultation, topics with counts, sources.
    with django_assert_num_queries(4):  # + generations
        client.get(open_topic.consultation.get_absolute_url())


@pytest.mark.parametrize("revisions", [1, 12])
def test_position_page_query_count_is_constant(
    client, open_topic, django_assert_num_queries, revisions
):
    position = PositionFactory(topic=open_topic)
    for number in range(2, revisions + 1):
        position.revisions.create(
            number=number, stance=position.stance, claim=f"v{number}", body="b", body_html="b"
        )
    # position, revisions, and the discussion's thread activity (empty: no more queries).
    with django_assert_num_queries(5):  # + generations, + its vote tallies
        assert client.get(position.get_absolute_url()).status_code == 200


def test_public_pages_never_write_to_the_database(client, citizen, open_topic):
    position = PositionFactory(topic=open_topic)
    urls = [
        "/",
        open_topic.consultation.get_absolute_url(),
        open_topic.get_absolute_url(),
        open_topic.get_absolute_url() + "?stance=privacy",
        position.get_absolute_url(),
    ]
    client.force_login(citizen)
    for signed_in in (True, False):
        if not signed_in:
            client.logout()
            urls += ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            writes = [
                q["sql"]
                for q in queries.captured_queries
                if q["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
            ]
            assert writes == [], (url, writes)
