"""Suspension end times are shown in the site's time zone, not in UTC."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from forum.positions import services as positions_services
from moderation import services
from moderation.models import Notice, Reason, Sanction
from moderation.notices import notice_message
from moderation.permissions import sanction_refusal
from tests.factories import UserFactory

# 03:30 UTC is 12:30 in Seoul (UTC+9, no daylight saving time).
UNTIL = datetime.datetime(2099, 1, 1, 3, 30, tzinfo=datetime.UTC)
# Dates read "1 Jan 2099, 12:30" (forum/formats/en): the hour in the site's zone, 24-hour clock.
SEOUL_HOUR = "2099, 12:30"
UTC_HOUR = "2099, 03:30"


@pytest.fixture(autouse=True)
def _seoul(settings):
    settings.TIME_ZONE = "Asia/Seoul"


def _suspend(user) -> Sanction:
    return Sanction.objects.create(
        user=user, kind=Sanction.Kind.SUSPENSION, until=UNTIL, reason=Reason.SPAM
    )


def test_the_refusal_tells_the_end_of_a_suspension_in_the_sites_time_zone(citizen, open_topic):
    _suspend(citizen)
    fresh = type(citizen).objects.get(pk=citizen.pk)
    refusal = sanction_refusal(fresh)
    assert SEOUL_HOUR in refusal and UTC_HOUR not in refusal
    with pytest.raises(PermissionDenied, match=SEOUL_HOUR):
        positions_services.position_create(
            author=fresh,
            topic=open_topic,
            stance=open_topic.stances.first(),
            claim="A claim",
            body="A body.",
        )


def test_the_notice_and_the_pages_tell_the_end_in_the_sites_time_zone(client, moderator):
    target = UserFactory(username="target")
    services.sanction_create(
        moderator=moderator, user=target, kind=Sanction.Kind.SUSPENSION, until=UNTIL, reason="spam"
    )
    text = notice_message(Notice.objects.get(user=target))
    assert SEOUL_HOUR in text and UTC_HOUR not in text
    client.force_login(target)
    page = client.get("/moderation/notices/").content.decode()
    assert page.count(SEOUL_HOUR) == 2 and UTC_HOUR not in page  # the sanction and the notice
    client.force_login(moderator)
    page = client.get(f"/moderation/accounts/{target.pk}/").content.decode()
    assert SEOUL_HOUR in page and UTC_HOUR not in page
