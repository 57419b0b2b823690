"""Who may vote on a position."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from forum.models import (
    Position,
)
from forum.permissions import AnyUser, standing_refusal
from forum.visibility import can_read_position, check_can_read_position, takes_part


def vote_refusal(user: AnyUser, position: Position) -> str | None:
    """Why this user may not vote on this position, or None when they may."""
    if not user.is_authenticated:
        return _("Sign in to vote.")
    if position.author_id == user.pk:
        return _("You cannot vote on your own position.")
    if position.erased_at is not None:
        return _("Its author erased this position when leaving: it takes no votes.")
    if not takes_part(position):
        return _("This position is not visible now, so it takes no votes.")
    consultation = position.topic.consultation
    if not consultation.accepts_positions:
        return _("This consultation is closed: it no longer takes votes.")
    return standing_refusal(user, unverified=_("Verify your e-mail address before you vote."))


def can_vote(user: AnyUser, position: Position) -> bool:
    return can_read_position(user, position) and vote_refusal(user, position) is None


def check_can_vote(user: AnyUser, position: Position) -> None:
    """404 for a position this user may not read; 403 with the reason otherwise."""
    check_can_read_position(user, position)
    reason = vote_refusal(user, position)
    if reason is not None:
        raise PermissionDenied(reason)
