"""Every write in the deliberation domain goes through one of these functions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.markup import render_markdown
from forum.models import (
    PHASE_TRANSITIONS,
    Consultation,
    Phase,
    Position,
    PositionRevision,
    Stance,
    Topic,
    User,
)
from forum.permissions import check_can_post_position, check_can_revise_position

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def check_phase_transition(*, current: str, new: str) -> None:
    """Raise ValidationError unless a consultation may move from `current` to `new`."""
    if new != current and new not in PHASE_TRANSITIONS[current]:
        raise ValidationError(
            {
                "phase": _("A consultation cannot move from “%(current)s” to “%(new)s”.")
                % {"current": Phase(current).label, "new": Phase(new).label}
            },
            code="phase_transition",
        )


def _render_translations(instance: object, fields: dict[str, str]) -> None:
    for source, target in fields.items():
        for code in LANGUAGE_CODES:
            text = getattr(instance, f"{source}_{code}") or ""
            setattr(instance, f"{target}_{code}", render_markdown(text) if text else "")


@transaction.atomic
def consultation_save(*, consultation: Consultation) -> Consultation:
    """Organizers (through the admin) create or edit a consultation; renders its Markdown."""
    if consultation.pk:
        current = (
            Consultation.objects.select_for_update()
            .values_list("phase", flat=True)
            .get(pk=consultation.pk)
        )
        check_phase_transition(current=current, new=consultation.phase)
    _render_translations(consultation, {"framing": "framing_html", "background": "background_html"})
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def topic_save(*, topic: Topic) -> Topic:
    """Organizers (through the admin) create or edit a topic; renders its Markdown."""
    _render_translations(topic, {"context": "context_html"})
    topic.full_clean()
    topic.save()
    return topic


def _validate_stance(*, topic: Topic, stance: Stance) -> None:
    if stance.topic_id != topic.pk:
        raise ValidationError(
            {"stance": _("Choose one of this topic’s stances.")}, code="stance_topic"
        )


def position_create(
    *, author: User, topic: Topic, stance: Stance, claim: str, body: str
) -> Position:
    """A verified citizen posts their one position on an open topic; writes revision 1 too."""
    check_can_post_position(author, topic)
    _validate_stance(topic=topic, stance=stance)
    position = Position(
        topic=topic,
        author=author,
        stance=stance,
        claim=claim,
        body=body,
        body_html=render_markdown(body),
    )
    position.full_clean(validate_constraints=False)
    try:
        # The unique constraint, not a prior lookup, settles two submissions racing.
        with transaction.atomic():
            position.save()
            _revision_create(position=position, number=1)
    except IntegrityError as error:
        if Position.objects.filter(topic=topic, author=author).exists():
            raise ValidationError(
                _("You already hold a position on this topic. Revise it instead."),
                code="position_exists",
            ) from error
        raise
    return position


def position_revise(
    *, editor: User, position: Position, stance: Stance, claim: str, body: str
) -> Position:
    """The author revises their position; the previous text stays in the revision history."""
    check_can_revise_position(editor, position)
    _validate_stance(topic=position.topic, stance=stance)
    if (stance.pk, claim, body) == (position.stance_id, position.claim, position.body):
        return position
    with transaction.atomic():
        # The row lock orders concurrent revisions so their numbers never collide.
        locked = Position.objects.select_for_update().get(pk=position.pk)
        locked.stance = stance
        locked.claim = claim
        locked.body = body
        locked.body_html = render_markdown(body)
        locked.revised_at = timezone.now()
        locked.full_clean(validate_constraints=False)
        locked.save(update_fields=["stance", "claim", "body", "body_html", "revised_at"])
        last = locked.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        _revision_create(position=locked, number=last + 1)
    return locked


def _revision_create(*, position: Position, number: int) -> PositionRevision:
    return PositionRevision.objects.create(
        position=position,
        number=number,
        stance_id=position.stance_id,
        claim=position.claim,
        body=position.body,
        body_html=position.body_html,
        created_at=position.revised_at or position.created_at,
    )
