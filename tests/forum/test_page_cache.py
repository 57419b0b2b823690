"""Readers' page cache and signed-in fragments: fast, and never showing what changed.

The cache here is the test settings' local memory; tests/cluster runs the same over Redis
on two app servers.
"""

from __future__ import annotations

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from forum.caching.pages import CACHE_HEADER
from forum.models import PageGeneration, Phase, Vote
from forum.positions import services as positions_services
from forum.summaries import services as summaries_services
from forum.votes import services as votes_services
from moderation import services as moderation_services
from moderation.models import ModerationAction, Reason
from tests.factories import PositionFactory, UserFactory, make_reply
from tests.forum.test_discussion import POST_URL, reply_data
from tests.moderation.conftest import make_moderator

Action = ModerationAction.Action


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def reader():
    """A second browser without a session: `client` and `citizen_client` are one client."""
    return Client()


@pytest.fixture
def position(open_topic, other_citizen):
    return PositionFactory(topic=open_topic, author=other_citizen, claim="Warrants need a judge")


def _pages(position):
    topic = position.topic
    return [
        "/",
        topic.consultation.get_absolute_url(),
        topic.get_absolute_url(),
        position.get_absolute_url(),
        f"{topic.get_absolute_url()}opinions/",
    ]


def test_a_reader_without_a_session_gets_the_same_page_from_the_cache_in_one_query(
    client, position, django_assert_num_queries
):
    for url in _pages(position):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first[CACHE_HEADER] == "miss", url
        # No cookie at all: a shared cache or a proxy may keep the page.
        assert not first.cookies, (url, first.cookies)
        with django_assert_num_queries(1):  # the page generations, nothing else
            second = client.get(url)
        assert second[CACHE_HEADER] == "hit", url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"]


def test_each_language_and_address_has_its_own_page(client, position):
    url = position.topic.get_absolute_url()
    english = client.get(url).content.decode()
    korean = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'lang="ko"' in korean and 'lang="ko"' not in english.split(">", 2)[1]
    assert client.get(f"{url}?order=newest")[CACHE_HEADER] == "miss"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="ko")[CACHE_HEADER] == "hit"


def test_a_position_a_moderator_hides_is_gone_from_the_next_anonymous_response(
    client, moderator, position
):
    topic_url = position.topic.get_absolute_url()
    urls = [position.topic.consultation.get_absolute_url(), topic_url]
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_HEADER] == "hit"
    assert position.claim in client.get(topic_url).content.decode()
    item = moderation_services.item_track(content=position, holds=[])
    moderation_services.item_act(
        moderator=moderator, item=item, action=Action.HIDE, reason=Reason.HARASSMENT
    )
    for url in urls:
        assert client.get(url)[CACHE_HEADER] == "miss", url
    assert position.claim not in client.get(topic_url).content.decode()
    # Its own page stays, saying that moderators hid it, without its words.
    assert position.claim not in client.get(position.get_absolute_url()).content.decode()


def test_a_revision_and_a_reply_reach_the_next_reader(
    reader, citizen_client, other_citizen, position
):
    client = reader
    url = position.get_absolute_url()
    client.get(url)
    assert client.get(url)[CACHE_HEADER] == "hit"
    positions_services.position_revise(
        editor=other_citizen,
        position=position,
        stance=position.stance,
        claim="Warrants need two judges",
        body=position.body,
    )
    assert "Warrants need two judges" in client.get(url).content.decode()
    assert client.get(url)[CACHE_HEADER] == "hit"
    response = citizen_client.post(POST_URL, reply_data(position, text="A judge is not enough."))
    assert response.status_code == 302
    page = client.get(url)
    assert page[CACHE_HEADER] == "miss"
    assert "A judge is not enough." in page.content.decode()


def test_a_published_correction_reaches_the_next_reader(client, moderator, closed_topic):
    positions = [
        PositionFactory(topic=closed_topic, stance=stance) for stance in closed_topic.stances.all()
    ]
    lines = "\n".join(f"- {p.claim} [[P{p.pk}]]" for p in positions)

    def publish(introduction: str, change_note: str = "") -> None:
        body = (
            f"## Introduction\n\n{introduction}\n\n## Arguments\n\n{lines}\n\n## Method\n\nHow.\n"
        )
        draft = summaries_services.summary_draft_save(
            editor=moderator, scope=closed_topic, body=body, change_note=change_note
        )
        summaries_services.summary_publish(
            publisher=moderator, scope=closed_topic, version_number=draft.number
        )

    url = f"{closed_topic.get_absolute_url()}summary/"
    publish("Why it matters.")
    assert "Why it matters." in client.get(url).content.decode()
    assert client.get(url)[CACHE_HEADER] == "hit"
    publish("Why it matters, corrected.", change_note="A figure was wrong.")
    page = client.get(url)
    assert page[CACHE_HEADER] == "miss"
    assert "Why it matters, corrected." in page.content.decode()


def test_a_signed_in_reader_never_gets_a_cached_page(citizen_client, reader, position):
    client = reader
    url = position.topic.get_absolute_url()
    client.get(url)
    assert client.get(url)[CACHE_HEADER] == "hit"
    response = citizen_client.get(url)
    assert CACHE_HEADER not in response
    assert "citizen" in response.content.decode()


def test_a_page_waiting_to_show_a_message_is_not_served_from_the_cache(client, position):
    url = position.topic.get_absolute_url()
    client.get(url)
    client.cookies["messages"] = "anything"
    assert CACHE_HEADER not in client.get(url)


def test_the_cache_can_be_switched_off(client, position, settings):
    settings.AGORA_PAGE_CACHE_SECONDS = 0
    url = position.topic.get_absolute_url()
    client.get(url)
    assert CACHE_HEADER not in client.get(url)


def test_an_error_page_is_never_cached(client, open_topic):
    url = f"{open_topic.get_absolute_url()}positions/999999/"
    assert client.get(url).status_code == 404
    assert CACHE_HEADER not in client.get(url)


# Signed-in fragments ----------------------------------------------------------------------


def _csrf_secrets(html: str) -> set[str]:
    """The secrets behind a page's tokens (each token is masked afresh, the secret is not)."""
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return {_unmask_cipher_token(token) for token in tokens}


def test_cached_cards_follow_the_readers_vote_and_carry_their_own_token(
    open_topic, citizen, other_citizen
):
    position = PositionFactory(topic=open_topic, author=UserFactory(), claim="Keep E2EE whole")
    url = open_topic.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(citizen)
    second.force_login(other_citizen)
    first.get(url)  # fills the card fragments
    page = first.get(url).content.decode()
    secrets = _csrf_secrets(page)
    assert len(secrets) == 1
    votes_services.vote_cast(voter=citizen, position=position, value="1")
    after = first.get(url).content.decode()
    assert 'value="1" class="vote-button vote-agree" aria-pressed="true"' in after
    other = second.get(url).content.decode()
    assert 'aria-pressed="true"' not in other
    other_secrets = _csrf_secrets(other)
    assert len(other_secrets) == 1 and other_secrets != secrets
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', other).group(1)
    # The token the cached card carries is the reader's own: the vote it sends is accepted.
    response = second.post(
        f"{position.get_absolute_url()}vote/",
        {"value": "-1", "csrfmiddlewaretoken": token, "next": url},
    )
    assert response.status_code == 302
    assert Vote.objects.get(voter=other_citizen).value == -1
    assert 'value="-1" class="vote-button vote-disagree" aria-pressed="true"' in (
        second.get(url).content.decode()
    )


def test_a_cached_card_shows_a_closed_topic_without_vote_buttons(citizen_client, open_topic):
    PositionFactory(topic=open_topic)
    url = open_topic.get_absolute_url()
    assert "vote-button" in citizen_client.get(url).content.decode()
    # Closed the way organizers close it (the admin's save, through the service).
    from forum.consultations import services as consultations_services

    consultation = open_topic.consultation
    consultation.phase = Phase.CLOSED
    consultations_services.consultation_save(consultation=consultation)
    assert "vote-button" not in citizen_client.get(url).content.decode()


def test_cached_reply_threads_follow_likes_and_moderation(citizen_client, moderator, position):
    reply = make_reply(position, text="A thread worth reading.")
    url = position.get_absolute_url()
    assert "A thread worth reading." in citizen_client.get(url).content.decode()
    citizen_client.post(f"{url}replies/{reply.pk}/feedback/", {"kind": "like"})
    assert 'aria-pressed="true"' in citizen_client.get(url).content.decode()
    item = moderation_services.item_track(content=reply, holds=[])
    moderation_services.item_act(
        moderator=moderator, item=item, action=Action.HIDE, reason=Reason.HARASSMENT
    )
    assert "A thread worth reading." not in citizen_client.get(url).content.decode()


def test_signed_in_readers_share_the_home_pages_counts_until_something_changes(
    citizen_client, citizen, open_topic, django_assert_num_queries
):
    PositionFactory(topic=open_topic)
    assert citizen_client.get("/").status_code == 200
    # Session, user and the generations: the counts come from the cache.
    with django_assert_num_queries(3):
        page = citizen_client.get("/").content.decode()
    assert "<dt>Positions</dt><dd>1</dd>" in page
    positions_services.position_create(
        author=citizen,
        topic=open_topic,
        stance=open_topic.stances.first(),
        claim="Oversight by a court",
        body="A judge signs every order.",
    )
    assert "<dt>Positions</dt><dd>2</dd>" in citizen_client.get("/").content.decode()


def test_each_host_and_scheme_has_its_own_page(client, position, settings):
    settings.ALLOWED_HOSTS = ["agora.example", "www.agora.example"]
    url = position.topic.get_absolute_url()
    assert client.get(url, HTTP_HOST="agora.example")[CACHE_HEADER] == "miss"
    assert client.get(url, HTTP_HOST="www.agora.example")[CACHE_HEADER] == "miss"
    assert client.get(url, HTTP_HOST="agora.example", secure=True)[CACHE_HEADER] == "miss"
    assert client.get(url, HTTP_HOST="agora.example")[CACHE_HEADER] == "hit"


def test_a_consultation_with_the_longest_slug_takes_writes(citizen, open_topic):
    consultation = open_topic.consultation
    consultation.slug = "s" * 80
    consultation.save(update_fields=["slug"])
    position = positions_services.position_create(
        author=citizen,
        topic=open_topic,
        stance=open_topic.stances.first(),
        claim="A claim",
        body="Its reasons.",
    )
    assert position.pk
    assert PageGeneration.objects.get(name="c:" + "s" * 80).generation >= 1


def test_a_reply_cannot_spell_the_return_path_into_someone_elses_page(citizen_client, position):
    make_reply(position, text='Look: `value="/__agora_return_path__` here.')
    page = citizen_client.get(f"{position.get_absolute_url()}?x=1").content.decode()
    assert "/__agora_return_path__" in page
    assert 'value="' + position.get_absolute_url() + "?x=1" not in page.split("Look:")[1][:200]


def test_a_topic_moved_to_another_consultation_leaves_the_old_ones_pages(
    client, open_topic, position
):
    from forum.consultations import services as consultations_services
    from tests.factories import ConsultationFactory

    old = open_topic.consultation.get_absolute_url()
    client.get(old)
    assert client.get(old)[CACHE_HEADER] == "hit"
    open_topic.consultation = ConsultationFactory(phase=Phase.OPEN)
    consultations_services.topic_save(topic=open_topic)
    assert client.get(old)[CACHE_HEADER] == "miss"
