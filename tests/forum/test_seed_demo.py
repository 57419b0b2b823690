"""The demo consultation that `make run` loads."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from forum.models import Consultation, Phase, Position, PositionRevision, Stance, Topic, User

HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def seeded(db):
    call_command("seed_demo", verbosity=0)


def test_seed_demo_creates_the_consultation_in_both_languages(seeded):
    consultation = Consultation.objects.get(slug="encrypted-messengers")
    assert consultation.title_en == "Privacy and criminal investigation on encrypted messengers"
    assert HANGUL.search(consultation.title_ko)
    assert consultation.phase == Phase.OPEN
    assert consultation.framing_html_en and consultation.framing_html_ko
    assert consultation.sources.count() >= 3


def test_seed_demo_creates_three_topics_with_three_or_more_stances(seeded):
    topics = Topic.objects.filter(consultation__slug="encrypted-messengers")
    assert topics.count() == 3
    for topic in topics:
        assert topic.stances.count() >= 3
        assert topic.question_en and HANGUL.search(topic.question_ko)


def test_seed_demo_positions_are_in_korean_and_english_by_verified_citizens(seeded):
    positions = list(
        Position.objects.filter(topic__consultation__slug="encrypted-messengers").select_related(
            "stance", "topic"
        )
    )
    assert 28 <= len(positions) <= 32
    korean = sum(1 for position in positions if HANGUL.search(position.claim))
    assert 5 <= korean <= len(positions) - 5
    assert all(position.stance.topic_id == position.topic_id for position in positions)
    authors = {position.author_id for position in positions}
    assert len(authors) >= 12
    assert EmailAddress.objects.filter(user_id__in=authors, verified=True).count() == len(authors)
    assert PositionRevision.objects.count() > len(positions)
    assert all("<script" not in position.body_html for position in positions)


def test_seed_demo_creates_a_moderator_and_an_organizer(seeded):
    assert User.objects.get(username="organizer").is_superuser
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()


def test_seed_demo_is_idempotent(seeded):
    counts = [model.objects.count() for model in (Consultation, Topic, Stance, Position, User)]
    call_command("seed_demo", verbosity=0)
    assert [model.objects.count() for model in (Consultation, Topic, Stance, Position, User)] == (
        counts
    )


def test_seed_demo_if_empty_leaves_an_existing_database_alone(db):
    Consultation.objects.create(slug="real", title_en="A real consultation")
    call_command("seed_demo", "--if-empty", verbosity=0)
    assert list(Consultation.objects.values_list("slug", flat=True)) == ["real"]
    assert not Position.objects.exists()


def test_seed_demo_includes_a_summarised_pilot_with_a_published_summary(seeded):
    from forum.models import SummaryVersion

    pilot = Consultation.objects.get(slug="takedown-duty-pilot")
    assert pilot.phase == Phase.SUMMARISED
    version = SummaryVersion.objects.get(summary__topic__consultation=pilot)
    assert version.status == "published" and version.citations.count() >= 3
