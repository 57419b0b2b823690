"""Writes: positions, revisions, consultations and their phases."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from forum.consultations import services as consultations_services
from forum.models import Consultation, Phase, Position, PositionRevision
from forum.positions import services as positions_services
from tests.factories import ConsultationFactory, PositionFactory, StanceFactory, TopicFactory


def _create(author, topic, **overrides):
    fields = {
        "stance": topic.stances.first(),
        "claim": "Messengers must answer warrants",
        "body": "Because **courts** decide. See https://example.org",
    }
    fields.update(overrides)
    return positions_services.position_create(author=author, topic=topic, **fields)


def test_position_create_renders_body_and_writes_revision_one(citizen, open_topic):
    position = _create(citizen, open_topic)
    assert "<strong>courts</strong>" in position.body_html
    assert 'rel="nofollow noopener ugc"' in position.body_html
    revision = position.revisions.get()
    assert (revision.number, revision.claim, revision.body_html) == (
        1,
        position.claim,
        position.body_html,
    )


def test_position_create_rejected_when_author_already_holds_one(citizen, open_topic):
    _create(citizen, open_topic)
    with pytest.raises(ValidationError, match="already hold a position"):
        _create(citizen, open_topic, claim="A second one")
    assert Position.objects.filter(author=citizen).count() == 1
    assert PositionRevision.objects.count() == 1


def test_position_one_per_author_per_topic_is_a_database_constraint(citizen, open_topic):
    PositionFactory(author=citizen, topic=open_topic)
    with pytest.raises(IntegrityError):
        Position.objects.create(
            author=citizen,
            topic=open_topic,
            stance=open_topic.stances.first(),
            claim="x",
            body="y",
            body_html="y",
        )


@pytest.mark.parametrize("fixture", ["closed_topic", "draft_topic"])
def test_position_create_rejected_when_topic_not_open(request, citizen, fixture):
    topic = request.getfixturevalue(fixture)
    with pytest.raises(PermissionDenied):
        _create(citizen, topic)
    assert not Position.objects.exists()


def test_position_create_rejected_for_unverified_citizen(unverified_citizen, open_topic):
    with pytest.raises(PermissionDenied, match="Verify"):
        _create(unverified_citizen, open_topic)


def test_position_create_rejected_with_stance_of_another_topic(citizen, open_topic):
    foreign = StanceFactory(topic=TopicFactory(consultation=open_topic.consultation))
    with pytest.raises(ValidationError) as error:
        _create(citizen, open_topic, stance=foreign)
    assert "stance" in error.value.message_dict
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"claim": ""}, "claim"),
        ({"claim": "x" * 201}, "claim"),
        ({"claim": "two\nlines"}, "claim"),
        ({"claim": "nul\x00byte"}, "claim"),
        ({"body": "x" * 20_001}, "body"),
        ({"body": "nul\x00byte"}, "body"),
        ({"body": ""}, "body"),
    ],
)
def test_position_create_rejects_bad_fields(citizen, open_topic, overrides, field):
    with pytest.raises(ValidationError) as error:
        _create(citizen, open_topic, **overrides)
    assert field in error.value.message_dict
    assert not Position.objects.exists()


def test_position_revise_keeps_every_version(citizen, open_topic):
    position = _create(citizen, open_topic)
    second_stance = open_topic.stances.all()[1]
    positions_services.position_revise(
        editor=citizen, position=position, stance=second_stance, claim="Revised", body="New *text*"
    )
    position.refresh_from_db()
    assert (position.stance, position.claim, position.revised_at is not None) == (
        second_stance,
        "Revised",
        True,
    )
    assert list(position.revisions.values_list("number", "claim")) == [
        (2, "Revised"),
        (1, "Messengers must answer warrants"),
    ]
    assert "<em>text</em>" in position.revisions.first().body_html


def test_position_revise_without_changes_writes_nothing(citizen, open_topic):
    position = _create(citizen, open_topic)
    positions_services.position_revise(
        editor=citizen,
        position=position,
        stance=position.stance,
        claim=position.claim,
        body=position.body,
    )
    assert position.revisions.count() == 1


def test_position_revise_refused_for_someone_else(citizen, other_citizen, open_topic):
    position = _create(citizen, open_topic)
    with pytest.raises(PermissionDenied, match="your own"):
        positions_services.position_revise(
            editor=other_citizen, position=position, stance=position.stance, claim="Mine", body="x"
        )
    position.refresh_from_db()
    assert position.claim != "Mine"


def test_position_revise_refused_once_consultation_closes(citizen, open_topic):
    position = _create(citizen, open_topic)
    Consultation.objects.filter(pk=open_topic.consultation_id).update(phase=Phase.CLOSED)
    position.topic.consultation.refresh_from_db()
    with pytest.raises(PermissionDenied):
        positions_services.position_revise(
            editor=citizen, position=position, stance=position.stance, claim="Late", body="x"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (Phase.DRAFT, Phase.OPEN, True),
        (Phase.DRAFT, Phase.CLOSED, False),
        (Phase.DRAFT, Phase.SUMMARISED, False),
        (Phase.OPEN, Phase.CLOSED, True),
        (Phase.OPEN, Phase.DRAFT, False),
        (Phase.OPEN, Phase.SUMMARISED, False),
        (Phase.CLOSED, Phase.OPEN, True),
        (Phase.CLOSED, Phase.SUMMARISED, True),
        (Phase.SUMMARISED, Phase.OPEN, False),
        (Phase.SUMMARISED, Phase.CLOSED, False),
    ],
)
def test_consultation_phase_transitions(current, new, allowed):
    consultation = ConsultationFactory(phase=current)
    consultation.phase = new
    if allowed:
        consultations_services.consultation_save(consultation=consultation)
    else:
        with pytest.raises(ValidationError):
            consultations_services.consultation_save(consultation=consultation)
    assert Consultation.objects.get().phase == (new if allowed else current)


@pytest.mark.django_db
def test_consultation_save_renders_markdown_in_each_language():
    consultation = ConsultationFactory.build(
        framing_en="**Why**", framing_ko="**왜**", background_en="<script>x</script>"
    )
    consultations_services.consultation_save(consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.framing_html_en == "<p><strong>Why</strong></p>"
    assert consultation.framing_html_ko == "<p><strong>왜</strong></p>"
    assert "<script" not in consultation.background_html_en
