"""Every account is spoken to in its own language; what citizens write carries its language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from forum.content_language import detect_lang
from forum.models import DiscussionFollow, Position, User
from forum.positions import services as position_services
from tests.factories import PASSWORD, PositionFactory, UserFactory, make_reply

pytestmark = pytest.mark.django_db


# Detecting the language of what citizens write --------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("판사의 영장 없이는 안 됩니다.", "ko"),
        ("카카오톡은 end-to-end 암호화를 해야 합니다", "ko"),
        ("Only with a judge's warrant.", "en"),
        ("Une réponse en français, écrite à la main.", "en"),  # Latin script: the closest
        ("Only on KakaoTalk, the app they call 카톡", "en"),
        ("1234 — !!", ""),
        ("", ""),
        ("Только по решению суда", ""),
    ],
)
def test_detect_lang_tells_korean_from_latin_text(text, lang):
    assert detect_lang(text) == lang


@given(st.text(alphabet=st.characters(blacklist_characters="\x00")))
def test_detect_lang_answers_one_of_three_for_any_text(text):
    assert detect_lang(text) in {"ko", "en", ""}


def test_a_position_records_its_language_when_written_and_revised(citizen, open_topic):
    position = position_services.position_create(
        author=citizen,
        topic=open_topic,
        stance=open_topic.stances.first(),
        claim="영장 없이는 안 됩니다",
        body="판사가 먼저 봐야 합니다.",
    )
    assert position.lang == "ko"
    assert position.revisions.get().lang == "ko"
    position = position_services.position_revise(
        editor=citizen,
        position=position,
        stance=position.stance,
        claim="Not without a warrant",
        body="A judge looks first.",
    )
    assert Position.objects.get(pk=position.pk).lang == "en"
    assert position.revisions.get(number=2).lang == "en"


def test_pages_mark_what_citizens_wrote_with_its_language(client, open_topic):
    position = PositionFactory(topic=open_topic, claim="영장 없이는 안 됩니다", lang="ko")
    make_reply(position, text="I agree with this.", lang="en")
    page = client.get(position.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 id="claim" lang="ko">영장 없이는 안 됩니다</h1>' in page
    assert '<div class="prose" lang="en"><p>I agree with this.</p>' in page


# The account's language ---------------------------------------------------------------


def test_signup_records_the_language_the_person_signed_up_in(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "username": "새시민",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert User.objects.get(username="새시민").language == "ko"


def test_signup_in_english_records_english(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "en@example.org",
            "username": "newbie",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert User.objects.get(username="newbie").language == "en"


def test_the_preferences_page_shows_and_saves_the_language(citizen_client, citizen):
    page = citizen_client.get("/accounts/preferences/")
    assert page.status_code == 200
    assert '<option value="ko" lang="ko">한국어</option>' in page.content.decode()
    response = citizen_client.post("/accounts/preferences/", {"language": "ko"}, follow=True)
    citizen.refresh_from_db()
    assert citizen.language == "ko"
    # The answer is already in the chosen language, and says it was saved.
    assert "저장했습니다" in response.content.decode()
    assert response.redirect_chain[-1][0] == "/accounts/preferences/"


def test_the_preferences_page_refuses_an_unknown_language_and_changes_nothing(
    citizen_client, citizen
):
    response = citizen_client.post("/accounts/preferences/", {"language": "xx"})
    assert response.status_code == 400
    assert "Choose one of the languages listed." in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.language == "en"


def test_the_preferences_page_only_ever_changes_the_signed_in_account(
    citizen_client, citizen, other_citizen
):
    citizen_client.post(
        "/accounts/preferences/",
        {"language": "ko", "user": other_citizen.pk, "pk": other_citizen.pk},
    )
    other_citizen.refresh_from_db()
    assert other_citizen.language == "en"
    assert User.objects.get(pk=citizen.pk).language == "ko"


def test_the_preferences_page_needs_a_verified_sign_in(client, unverified_citizen):
    response = client.get("/accounts/preferences/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(unverified_citizen)
    client.post("/accounts/preferences/", {"language": "ko"})
    unverified_citizen.refresh_from_db()
    assert unverified_citizen.language == "en"


def test_the_header_switch_keeps_a_signed_in_accounts_preference(citizen_client, citizen):
    citizen_client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    citizen.refresh_from_db()
    assert citizen.language == "ko"
    citizen_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    citizen.refresh_from_db()
    assert citizen.language == "ko"


def test_signing_in_switches_the_site_to_the_accounts_language(client):
    UserFactory(username="코리안", email="ko@example.org", language="ko")
    response = client.post("/accounts/login/", {"login": "ko@example.org", "password": PASSWORD})
    assert response.cookies["django_language"].value == "ko"
    assert "로그아웃" in client.get("/").content.decode()


# E-mails in the recipient's language ----------------------------------------------------


def test_followers_are_mailed_in_their_own_language(open_topic, django_capture_on_commit_callbacks):
    from forum.discussion import services as discussion_services

    position = PositionFactory(topic=open_topic)
    korean = UserFactory(username="팔로워", language="ko")
    english = UserFactory(username="follower", language="en")
    for user in (korean, english):
        DiscussionFollow.objects.create(user=user, position=position)
    reply = make_reply(position, text="A new reply")
    with translation.override("en"):
        assert discussion_services.reply_followers_notify(reply_id=reply.pk) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "새 답글" in by_address[korean.email].subject
    assert "New reply" in by_address[english.email].subject
    assert "안녕하십니까" in by_address[korean.email].body


# Summaries ---------------------------------------------------------------------------------


def test_published_figures_name_stances_in_the_readers_language(closed_topic):
    from forum.summaries import coverage

    with translation.override("en"):
        frozen = coverage.summary_stats(scope=closed_topic)
    assert frozen["per_stance"][0]["stance"] == "Protect privacy"
    with translation.override("ko"):
        shown = coverage.stats_for_reader(frozen, scope=closed_topic)
    assert shown["per_stance"][0]["stance"] == "프라이버시 보호"
    # A version published before stance ids were kept shows its frozen label.
    old = {"per_stance": [{"stance": "Protect privacy", "positions": 1}]}
    with translation.override("ko"):
        assert coverage.stats_for_reader(old, scope=closed_topic) == old


def test_the_summary_scaffold_comes_in_each_of_the_consultations_languages(closed_topic):
    from forum.summaries import coverage

    closed_topic.question_ko = "영장이 필요합니까?"
    closed_topic.save()
    with translation.override("en"):
        text = coverage.summary_template(scope=closed_topic)
    assert text.index("## Introduction") < text.index("## 들어가며")
    assert "## Protect privacy" in text and "## 프라이버시 보호" in text
    assert "영장이 필요합니까?" in text
