"""Pages through the client: what visitors and citizens see, and how bad input is answered."""

import pytest
from django.urls import reverse

from forum.models import Phase, Position
from tests.factories import (
    ConsultationFactory,
    PositionFactory,
    StanceFactory,
    TopicFactory,
    UserFactory,
)


def _topic_url(topic, **query):
    url = topic.get_absolute_url()
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _create_url(topic):
    return reverse("forum:position_create", args=[topic.consultation.slug, topic.slug])


def _revise_url(position):
    return reverse(
        "forum:position_revise",
        args=[position.topic.consultation.slug, position.topic.slug, position.pk],
    )


def _post_data(topic, **overrides):
    data = {
        "stance": topic.stances.first().pk,
        "claim": "Courts, not platforms, should decide",
        "body": "A warrant is the line. See [the act](https://example.org/act).",
    }
    data.update(overrides)
    return data


def test_home_lists_public_consultations_but_not_drafts(client, db):
    ConsultationFactory(title_en="Open one", phase=Phase.OPEN)
    ConsultationFactory(title_en="Closed one", phase=Phase.CLOSED)
    ConsultationFactory(title_en="Secret draft", phase=Phase.DRAFT)
    content = client.get("/").content.decode()
    assert "Open one" in content and "Closed one" in content
    assert "Secret draft" not in content


def test_draft_consultation_is_404_for_the_public_and_visible_to_organizers(
    client, draft_topic, organizer
):
    consultation = draft_topic.consultation
    assert client.get(consultation.get_absolute_url()).status_code == 404
    assert client.get(draft_topic.get_absolute_url()).status_code == 404
    client.force_login(organizer)
    assert client.get(consultation.get_absolute_url()).status_code == 200


def test_consultation_page_shows_framing_topics_and_sources(client, open_topic):
    consultation = open_topic.consultation
    consultation.sources.create(title="The act", url="https://example.org/act")
    content = client.get(consultation.get_absolute_url()).content.decode()
    assert consultation.title_en in content
    assert open_topic.question_en in content
    assert 'href="https://example.org/act"' in content


def test_topic_page_shows_stances_bar_and_positions(client, open_topic):
    privacy = open_topic.stances.get(key="privacy")
    PositionFactory.create_batch(3, topic=open_topic, stance=privacy)
    PositionFactory(topic=open_topic, stance=open_topic.stances.get(key="conditional"))
    response = client.get(open_topic.get_absolute_url())
    content = response.content.decode()
    assert "<svg" in content and 'role="img"' in content
    assert "Protect privacy: 3 (75%)" in content
    assert "Conditional: 1 (25%)" in content
    assert "Prioritise investigation: 0 (0%)" in content
    assert len(response.context["page"].object_list) == 4


def test_topic_page_paginates_twenty_a_page(client, open_topic):
    PositionFactory.create_batch(45, topic=open_topic)
    first = client.get(open_topic.get_absolute_url())
    assert len(first.context["page"].object_list) == 20
    last = client.get(_topic_url(open_topic, page=3))
    assert len(last.context["page"].object_list) == 5


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "99999999999999999999"])
def test_topic_page_past_the_end_or_garbage_is_404(client, open_topic, page):
    PositionFactory.create_batch(45, topic=open_topic)
    assert client.get(_topic_url(open_topic, page=page)).status_code == 404


def test_topic_page_filters_by_stance(client, open_topic):
    privacy, conditional = (open_topic.stances.get(key=k) for k in ("privacy", "conditional"))
    mine = PositionFactory(topic=open_topic, stance=privacy, claim="Privacy first")
    PositionFactory(topic=open_topic, stance=conditional, claim="It depends")
    response = client.get(_topic_url(open_topic, stance="privacy"))
    assert list(response.context["page"].object_list) == [mine]
    assert "It depends" not in response.content.decode()


def test_topic_page_unknown_stance_is_404(client, open_topic):
    assert client.get(_topic_url(open_topic, stance="nope")).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/consultations/no-such-thing/",
        "/consultations/no-such-thing/topics/nope/",
        "/consultations/no-such-thing/topics/nope/positions/1/",
    ],
)
def test_unknown_slugs_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_position_under_the_wrong_topic_is_404(client, open_topic):
    position = PositionFactory(topic=open_topic)
    other = TopicFactory(consultation=open_topic.consultation)
    url = reverse("forum:position", args=[other.consultation.slug, other.slug, position.pk])
    assert client.get(url).status_code == 404


def test_citizen_posts_a_position_and_sees_it_under_their_pseudonym(
    citizen_client, citizen, open_topic
):
    response = citizen_client.post(_create_url(open_topic), _post_data(open_topic))
    position = Position.objects.get()
    assert response.status_code == 302 and response.url == position.get_absolute_url()
    page = citizen_client.get(position.get_absolute_url()).content.decode()
    assert "Courts, not platforms, should decide" in page
    assert citizen.username in page
    assert citizen.email not in page
    topic_page = citizen_client.get(open_topic.get_absolute_url()).content.decode()
    assert "Courts, not platforms, should decide" in topic_page


def test_anonymous_visitor_is_sent_to_sign_in(client, open_topic):
    response = client.get(_create_url(open_topic))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.post(_create_url(open_topic), _post_data(open_topic)).status_code == 302
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"claim": ""}, "This field is required."),
        ({"claim": "x" * 300}, "at most 200 characters"),
        ({"claim": "one\nline"}, "one line"),
        ({"body": "x" * 20_001}, "at most 20000 characters"),
        ({"body": ""}, "This field is required."),
        ({"stance": ""}, "This field is required."),
        ({"stance": "999999"}, "Choose one of this topic’s stances."),
        ({"stance": "abc"}, "Choose one of this topic’s stances."),
    ],
)
def test_bad_position_input_gets_a_form_error_and_creates_nothing(
    citizen_client, open_topic, overrides, message
):
    response = citizen_client.post(_create_url(open_topic), _post_data(open_topic, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Position.objects.exists()


@pytest.mark.parametrize("field", ["claim", "body"])
def test_a_nul_in_a_position_is_refused_with_a_400_and_creates_nothing(
    citizen_client, open_topic, field
):
    data = _post_data(open_topic, **{field: "nul\x00"})
    response = citizen_client.post(_create_url(open_topic), data)
    assert response.status_code == 400
    assert "The request contained a NUL character" in response.content.decode()
    assert not Position.objects.exists()


def test_stance_from_another_topic_is_a_form_error(citizen_client, open_topic):
    foreign = StanceFactory(topic=TopicFactory(consultation=open_topic.consultation))
    response = citizen_client.post(
        _create_url(open_topic), _post_data(open_topic, stance=foreign.pk)
    )
    assert response.status_code == 200
    assert "Choose one of this topic’s stances." in response.content.decode()
    assert not Position.objects.exists()


def test_posting_on_a_closed_topic_is_403_with_a_reason(citizen_client, closed_topic):
    response = citizen_client.post(_create_url(closed_topic), _post_data(closed_topic))
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    assert not Position.objects.exists()


def test_posting_on_a_draft_topic_is_404_as_if_it_did_not_exist(citizen_client, draft_topic):
    response = citizen_client.post(_create_url(draft_topic), _post_data(draft_topic))
    assert response.status_code == 404
    assert draft_topic.question not in response.content.decode()
    assert not Position.objects.exists()


def test_unverified_citizen_is_refused_with_a_reason(client, unverified_citizen, open_topic):
    client.force_login(unverified_citizen)
    response = client.post(_create_url(open_topic), _post_data(open_topic))
    assert response.status_code == 403
    assert "Verify your e-mail address" in response.content.decode()


def test_second_position_on_a_topic_redirects_to_revise(citizen_client, citizen, open_topic):
    position = PositionFactory(topic=open_topic, author=citizen)
    response = citizen_client.post(_create_url(open_topic), _post_data(open_topic))
    assert response.status_code == 302 and response.url == _revise_url(position)
    assert Position.objects.count() == 1


def test_author_revises_and_the_page_shows_the_history(citizen_client, citizen, open_topic):
    position = PositionFactory(topic=open_topic, author=citizen, claim="First wording")
    response = citizen_client.post(
        _revise_url(position), _post_data(open_topic, claim="Second wording")
    )
    assert response.status_code == 302
    page = citizen_client.get(position.get_absolute_url()).content.decode()
    assert "Second wording" in page and "First wording" in page
    assert "Version 2" in page and "Version 1" in page


def test_revise_form_is_prefilled(citizen_client, citizen, open_topic):
    position = PositionFactory(topic=open_topic, author=citizen, claim="Prefilled claim")
    assert "Prefilled claim" in citizen_client.get(_revise_url(position)).content.decode()


def test_editing_someone_elses_position_is_403(citizen_client, open_topic):
    position = PositionFactory(topic=open_topic, author=UserFactory(), claim="Not yours")
    assert citizen_client.get(_revise_url(position)).status_code == 403
    response = citizen_client.post(_revise_url(position), _post_data(open_topic, claim="Hijack"))
    assert response.status_code == 403
    assert "your own position" in response.content.decode()
    position.refresh_from_db()
    assert position.claim == "Not yours"


def test_every_post_needs_a_csrf_token(open_topic, citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(_create_url(open_topic), _post_data(open_topic))
    assert response.status_code == 403
    assert not Position.objects.exists()


def test_language_switch_is_on_every_page_and_shows_korean(client, open_topic):
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert 'action="/i18n/setlang/"' in page
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    korean = client.get(open_topic.get_absolute_url()).content.decode()
    assert '<html lang="ko">' in korean
    assert open_topic.question_ko in korean
    assert "프라이버시 보호" in korean


def test_browser_language_preference_is_honoured(client, open_topic):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9").content.decode()
    assert '<html lang="ko">' in page
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_korean_falls_back_to_english_when_an_organizer_left_it_empty(client, db):
    topic = TopicFactory(question_en="Only in English?", question_ko="")
    page = client.get(topic.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Only in English?" in page
