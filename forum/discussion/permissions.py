"""Who may reply, like or dislike a reply, and follow a discussion."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from forum.models import (
    Phase,
    Position,
    Reply,
)
from forum.permissions import AnyUser, has_verified_email
from forum.visibility import can_view_consultation
from moderation.permissions import sanction_refusal


def reply_refusal(user: AnyUser, position: Position) -> str | None:
    """Why this user may not reply under this position (shown by the form), or None."""
    consultation = position.topic.consultation
    if not user.is_authenticated:
        return _("Sign in to reply.")
    if not user.is_active:
        return _("This account is inactive.")
    if not can_view_consultation(user, consultation) or consultation.phase == Phase.DRAFT:
        return _("This consultation is not open yet.")
    if not position.discussion_open:
        return _("This consultation is closed: it no longer accepts replies.")
    if not has_verified_email(user):
        return _("Verify your e-mail address before you reply.")
    return sanction_refusal(user)


def can_reply(user: AnyUser, position: Position) -> bool:
    return reply_refusal(user, position) is None


def check_can_reply(user: AnyUser, position: Position) -> None:
    reason = reply_refusal(user, position)
    if reason is not None:
        raise PermissionDenied(reason)


def _feedback_refusal(user: AnyUser, reply: Reply) -> str | None:
    if not user.is_authenticated:
        return _("Sign in to like or dislike a reply.")
    if not user.is_active:
        return _("This account is inactive.")
    if not has_verified_email(user):
        return _("Verify your e-mail address before you like or dislike a reply.")
    if reply.user_id == user.pk:
        return _("You cannot like or dislike your own reply.")
    return sanction_refusal(user)


def can_give_feedback(user: AnyUser, reply: Reply) -> bool:
    return _feedback_refusal(user, reply) is None


def check_can_give_feedback(user: AnyUser, reply: Reply) -> None:
    reason = _feedback_refusal(user, reply)
    if reason is not None:
        raise PermissionDenied(reason)


def _follow_refusal(user: AnyUser) -> str | None:
    if not user.is_authenticated:
        return _("Sign in to follow a discussion.")
    if not user.is_active:
        return _("This account is inactive.")
    if not has_verified_email(user):
        return _("Verify your e-mail address before you follow a discussion.")
    return None


def can_follow_discussion(user: AnyUser) -> bool:
    return _follow_refusal(user) is None


def check_can_follow_discussion(user: AnyUser) -> None:
    reason = _follow_refusal(user)
    if reason is not None:
        raise PermissionDenied(reason)
