"""Organizers work in the Django admin; saves go through the services."""

import pytest

from forum.models import Consultation, Phase, Topic
from tests.factories import ConsultationFactory


@pytest.fixture
def admin_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/forum/consultation/",
        "/admin/forum/consultation/add/",
        "/admin/forum/topic/add/",
        "/admin/forum/position/",
        "/admin/forum/user/",
    ],
)
def test_admin_pages_open_for_organizers(admin_client, url):
    assert admin_client.get(url).status_code == 200


def _consultation_form(**overrides):
    data = {
        "slug": "new-consultation",
        "title_en": "New consultation",
        "title_ko": "새 공론장",
        "framing_en": "**Why** it matters",
        "framing_ko": "**왜** 중요한가",
        "background_en": "",
        "background_ko": "",
        "phase": Phase.DRAFT,
        "opens_on": "",
        "closes_on": "",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": "Act",
        "sources-0-url": "https://example.org/act",
        "sources-0-order": "0",
    }
    data.update(overrides)
    return data


def test_organizer_creates_a_consultation_with_rendered_framing(admin_client):
    response = admin_client.post("/admin/forum/consultation/add/", _consultation_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    consultation = Consultation.objects.get()
    assert consultation.framing_html_en == "<p><strong>Why</strong> it matters</p>"
    assert consultation.framing_html_ko == "<p><strong>왜</strong> 중요한가</p>"
    assert consultation.sources.get().url == "https://example.org/act"


def test_admin_refuses_a_phase_jump_with_a_message(admin_client):
    consultation = ConsultationFactory(phase=Phase.DRAFT, slug="jumpy")
    response = admin_client.post(
        f"/admin/forum/consultation/{consultation.pk}/change/",
        _consultation_form(slug="jumpy", phase=Phase.SUMMARISED),
    )
    assert response.status_code == 200
    assert "cannot move from" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.phase == Phase.DRAFT


def test_organizer_creates_a_topic_with_stances(admin_client):
    consultation = ConsultationFactory()
    response = admin_client.post(
        "/admin/forum/topic/add/",
        {
            "consultation": consultation.pk,
            "slug": "decryption",
            "question_en": "Should lawful decryption be built?",
            "question_ko": "합법적 복호화 기능을 만들어야 하는가?",
            "context_en": "See [the paper](https://example.org/paper).",
            "context_ko": "",
            "order": "0",
            "stances-TOTAL_FORMS": "2",
            "stances-INITIAL_FORMS": "0",
            "stances-0-key": "no",
            "stances-0-label_en": "No backdoors",
            "stances-0-label_ko": "백도어 반대",
            "stances-0-order": "0",
            "stances-1-key": "yes",
            "stances-1-label_en": "Build it with oversight",
            "stances-1-label_ko": "감독 하에 도입",
            "stances-1-order": "1",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    topic = Topic.objects.get()
    assert 'rel="nofollow noopener ugc"' in topic.context_html_en
    assert list(topic.stances.values_list("key", flat=True)) == ["no", "yes"]


def test_citizens_cannot_open_the_admin(client, citizen):
    client.force_login(citizen)
    assert client.get("/admin/forum/consultation/").status_code == 302
