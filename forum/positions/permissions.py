"""Who may post and revise a position."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from forum.models import (
    Phase,
    Position,
    Topic,
)
from forum.permissions import AnyUser, standing_refusal
from forum.visibility import can_view_consultation, check_can_see_position


def _post_refusal(user: AnyUser, topic: Topic) -> str | None:
    consultation = topic.consultation
    if not user.is_authenticated:
        return _("Sign in to post a position.")
    if not user.is_active:
        return _("This account is inactive.")
    if not can_view_consultation(user, consultation) or consultation.phase == Phase.DRAFT:
        return _("This consultation is not open yet.")
    if not consultation.accepts_positions:
        return _("This consultation is closed: it no longer accepts positions.")
    return standing_refusal(user, unverified=_("Verify your e-mail address before you post."))


def can_post_position(user: AnyUser, topic: Topic) -> bool:
    return _post_refusal(user, topic) is None


def check_can_post_position(user: AnyUser, topic: Topic) -> None:
    reason = _post_refusal(user, topic)
    if reason is not None:
        raise PermissionDenied(reason)


def _revise_refusal(user: AnyUser, position: Position) -> str | None:
    if not user.is_authenticated or position.author_id != user.pk:
        return _("You can only revise your own position.")
    return _post_refusal(user, position.topic)


def can_revise_position(user: AnyUser, position: Position) -> bool:
    return _revise_refusal(user, position) is None


def check_can_revise_position(user: AnyUser, position: Position) -> None:
    check_can_see_position(user, position)
    reason = _revise_refusal(user, position)
    if reason is not None:
        raise PermissionDenied(reason)
