"""Writes of positions: posting and revising."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.caching.services import pages_changed
from forum.content_language import detect_lang
from forum.markup import render_markdown
from forum.models import (
    Position,
    PositionRevision,
    Reply,
    Stance,
    Topic,
    User,
)
from forum.positions.permissions import check_can_post_position, check_can_revise_position
from forum.search.services import search_index_position
from moderation import services as moderation
from moderation.models import ModerationStatus, Reason
from moderation.screening import Hold


def _validate_stance(*, topic: Topic, stance: Stance) -> None:
    if stance.topic_id != topic.pk:
        raise ValidationError(
            {"stance": _("Choose one of this topic’s stances.")}, code="stance_topic"
        )


@transaction.atomic
def position_create(
    *, author: User, topic: Topic, stance: Stance, claim: str, body: str
) -> Position:
    """A verified citizen posts their one position on an open topic; writes revision 1 too.

    Screening may hold it for review: then only its author and moderators see it.
    """
    check_can_post_position(author, topic)
    _validate_stance(topic=topic, stance=stance)
    moderation.check_can_contribute(user=author, new=True)
    holds = moderation.screen(
        author=author, text=f"{claim}\n{body}", premoderated=topic.consultation.premoderation
    )
    position = Position(
        topic=topic,
        author=author,
        stance=stance,
        claim=claim,
        body=body,
        body_html=render_markdown(body),
        lang=detect_lang(f"{claim}\n{body}"),
    )
    _hold(position, holds)
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
    moderation.item_track(content=position, holds=holds)
    search_index_position(position)
    pages_changed(consultation_ids=[topic.consultation_id])
    return position


def _hold(content: Position | Reply, holds: list[Hold]) -> None:
    """Content that screening holds is saved held; moderation records why (item_track)."""
    if holds:
        content.apply_moderation(status=ModerationStatus.HELD, reason=Reason.SCREENING)


def position_revise(
    *, editor: User, position: Position, stance: Stance, claim: str, body: str
) -> Position:
    """The author revises their position; the previous text stays in the revision history."""
    check_can_revise_position(editor, position)
    _validate_stance(topic=position.topic, stance=stance)
    if (stance.pk, claim, body) == (position.stance_id, position.claim, position.body):
        return position
    with transaction.atomic():
        moderation.check_can_contribute(user=editor, new=False)
        holds = moderation.screen(
            author=editor,
            text=f"{claim}\n{body}",
            premoderated=position.topic.consultation.premoderation,
        )
        # The row lock orders concurrent revisions so their numbers never collide.
        locked = Position.objects.select_for_update().get(pk=position.pk)
        locked.stance = stance
        locked.claim = claim
        locked.body = body
        locked.body_html = render_markdown(body)
        locked.lang = detect_lang(f"{claim}\n{body}")
        locked.revised_at = timezone.now()
        locked.full_clean(validate_constraints=False)
        locked.save(update_fields=["stance", "claim", "body", "body_html", "lang", "revised_at"])
        last = locked.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        _revision_create(position=locked, number=last + 1)
        # An edit is screened again; a visible position it holds goes back to review.
        moderation.item_track(content=locked, holds=holds)
        locked.refresh_from_db(fields=["moderation_status", "moderation_reason"])
        search_index_position(locked)
        pages_changed(consultation_ids=[position.topic.consultation_id])
    return locked


def _revision_create(*, position: Position, number: int) -> PositionRevision:
    return PositionRevision.objects.create(
        position=position,
        number=number,
        stance_id=position.stance_id,
        claim=position.claim,
        body=position.body,
        body_html=position.body_html,
        lang=position.lang,
        created_at=position.revised_at or position.created_at,
    )
