"""Notices and moderation mail speak the recipient's language, not the moderator's."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from moderation import services
from moderation.models import ModeratedItem, ModerationAction, Notice, Reason, Sanction
from moderation.notices import notice_message
from tests.factories import PositionFactory, UserFactory
from tests.moderation.conftest import make_moderator

Action = ModerationAction.Action
pytestmark = pytest.mark.django_db


def _hidden_by_an_english_moderator(moderator, author, open_topic):
    position = PositionFactory(topic=open_topic, author=author, claim="감청 영장은 판사가")
    services.item_track(content=position, holds=[])
    item = ModeratedItem.objects.get(object_id=position.pk)
    with translation.override("en"):
        services.item_act(
            moderator=moderator, item=item, action=Action.HIDE, reason=Reason.HARASSMENT
        )
    return item


def test_a_korean_author_reads_in_korean_what_an_english_moderator_did(
    client, moderator, open_topic, django_capture_on_commit_callbacks
):
    author = UserFactory(username="저자", language="ko")
    with django_capture_on_commit_callbacks(execute=True):
        _hidden_by_an_english_moderator(moderator, author, open_topic)
    notice = Notice.objects.get(user=author)
    assert (notice.event, notice.reason, notice.may_appeal) == ("hide", "harassment", True)
    assert notice.text == ""
    # The e-mail: Korean, the subject too.
    (message,) = mail.outbox
    assert message.to == [author.email]
    assert "운영진이 게시물" in message.body and "moderator" not in message.body.lower()
    assert "아고라" in message.subject and "About your" not in message.subject
    assert "감청 영장은 판사가" in message.body
    # The page, in the language of whoever reads it: Korean for the author...
    client.force_login(author)
    page = client.get("/moderation/notices/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "괴롭힘" in page and "harassment" not in page
    assert "<span data-user-content>감청 영장은 판사가</span>" in page


def test_an_english_reader_reads_the_same_notice_in_english(moderator, open_topic):
    author = UserFactory(username="writer", language="en")
    _hidden_by_an_english_moderator(moderator, author, open_topic)
    notice = Notice.objects.get(user=author)
    with translation.override("ko"):
        korean = notice_message(notice)
    with translation.override("en"):
        english = notice_message(notice)
    assert "A moderator hid your contribution" in english and "harassment" in english
    assert "A moderator" not in korean and korean != english


def test_a_sanction_notice_is_worded_when_read_with_its_end_in_the_readers_format(
    moderator, django_capture_on_commit_callbacks
):
    target = UserFactory(username="대상", language="ko")
    until = timezone.now() + datetime.timedelta(days=3)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.sanction_create(
            moderator=moderator,
            user=target,
            kind=Sanction.Kind.SUSPENSION,
            until=until,
            reason=Reason.SPAM,
            note="Slow down.",
        )
    notice = Notice.objects.get(user=target)
    assert (notice.event, notice.until, notice.note) == ("suspend", until, "Slow down.")
    with translation.override("ko"):
        text = notice_message(notice)
    assert "정지" in text and "Slow down." in text and "suspended" not in text
    (message,) = mail.outbox
    assert "정지" in message.body


def test_notices_written_before_events_were_stored_keep_their_words(client):
    user = UserFactory(username="old")
    Notice.objects.create(user=user, text="An old notice, as it was written.")
    client.force_login(user)
    page = client.get("/moderation/notices/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "An old notice, as it was written." in page


def test_moderators_are_mailed_each_in_their_own_language(
    open_topic, settings, django_capture_on_commit_callbacks
):
    settings.MODERATION_REPORT_THRESHOLD = 1
    make_moderator("mod-en", language="en")
    make_moderator("mod-ko", language="ko")
    position = PositionFactory(topic=open_topic)
    services.item_track(content=position, holds=[])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_create(
            reporter=UserFactory(), content=position, reason=Reason.SPAM, text=""
        )
    to_moderators = [m for m in mail.outbox if m.bcc]
    subjects = sorted(m.subject for m in to_moderators)
    assert len(to_moderators) == 2
    assert "Hidden after reports: please review" in subjects
    assert any("검토" in subject for subject in subjects)
