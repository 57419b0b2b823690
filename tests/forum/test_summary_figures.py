"""A published summary's figures read as sentences, with plurals, in English and Korean."""

from __future__ import annotations

import pytest

from forum.models import OpinionSnapshot
from forum.summaries import services as summaries_services
from moderation import services as moderation_services
from tests.factories import PositionFactory, UserFactory


@pytest.fixture
def moderator(db):
    user = UserFactory(is_staff=True)
    user.groups.add(moderation_services.moderators_group())
    return user


def _published(topic, moderator, *, groups: list[int], agreed: int):
    positions = [PositionFactory(topic=topic, claim=f"Figure claim {i}") for i in range(3)]
    points = [
        [float(i), float(label), label] for label, size in enumerate(groups) for i in range(size)
    ]
    OpinionSnapshot.objects.create(
        topic=topic,
        status="ok",
        data={
            "points": points,
            "groups": [
                {"label": label, "size": size, "representative": []}
                for label, size in enumerate(groups)
            ],
            "consensus": [{"position": p.pk, "agree": 0.6} for p in positions[:agreed]],
        },
    )
    body = "## Introduction\n\nWhy.\n\n## Method\n\nHow.\n"
    draft = summaries_services.summary_draft_save(editor=moderator, scope=topic, body=body)
    summaries_services.summary_publish(
        publisher=moderator,
        scope=topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="A test of the figures.",
    )
    return f"{topic.get_absolute_url()}summary/"


@pytest.mark.parametrize(
    ("groups", "agreed", "english", "korean"),
    [
        (
            [3, 2, 2, 1, 1],
            1,
            "5 opinion groups; 1 position agreed across all of them.",
            "의견 그룹 5개; 모든 그룹이 동의한 입장 1개.",
        ),
        (
            [4, 1],
            2,
            "2 opinion groups; 2 positions agreed across all of them.",
            "의견 그룹 2개; 모든 그룹이 동의한 입장 2개.",
        ),
        (
            [2, 2],
            0,
            "2 opinion groups; no position agreed across all of them.",
            "의견 그룹 2개; 모든 그룹이 동의한 입장은 없습니다.",
        ),
    ],
)
def test_the_figures_say_the_groups_and_what_they_agree_on_in_words(
    client, closed_topic, moderator, groups, agreed, english, korean
):
    url = _published(closed_topic, moderator, groups=groups, agreed=agreed)
    text = " ".join(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode().split())
    assert english in text
    assert f"group A, {groups[0]} participants" in text
    assert "group B, 1 participant." in text or groups[1] != 1
    assert "3 positions" in text
    korean_page = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert korean in " ".join(korean_page.split())
    assert f"그룹 A, {groups[0]}명" in korean_page
    assert "opinion group" not in korean_page


def test_one_of_each_is_singular(client, closed_topic, moderator):
    PositionFactory(topic=closed_topic, claim="The only one")
    body = "## Introduction\n\nWhy.\n\n## Method\n\nHow.\n"
    draft = summaries_services.summary_draft_save(editor=moderator, scope=closed_topic, body=body)
    summaries_services.summary_publish(
        publisher=moderator,
        scope=closed_topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="A test of the figures.",
    )
    text = client.get(f"{closed_topic.get_absolute_url()}summary/").content.decode()
    assert "1 participant<" in text and "1 position:" in text and "0 replies" in text


def test_the_posting_dates_are_written_in_the_readers_date_format(client, closed_topic, moderator):
    """The figures freeze the first and last posting dates as ISO strings; pages write them as
    every other date is written in that language."""
    url = _published(closed_topic, moderator, groups=[2, 2], agreed=0)
    first = closed_topic.positions.order_by("created_at").first().created_at
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    korean = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert first.date().isoformat() not in english + korean
    assert f"{first.day} {first.strftime('%b')} {first.year}" in english
    assert f"{first.year}년 {first.month}월 {first.day}일" in korean
