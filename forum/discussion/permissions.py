"""Who may reply, like or dislike a reply, and follow a discussion.

The `check_…` functions first apply the visibility rule (forum.visibility): content a person
may not read answers 404, whatever else they may do.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from forum.models import Phase, Position, Reply
from forum.permissions import AnyUser, has_verified_email, standing_refusal
from forum.visibility import (
    can_read_position,
    can_view_consultation,
    check_can_read_position,
    check_can_read_reply,
    takes_part,
)


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
    if not takes_part(position):
        return _("This position is not visible now, so it takes no replies.")
    return standing_refusal(user, unverified=_("Verify your e-mail address before you reply."))


def can_reply(user: AnyUser, position: Position) -> bool:
    return can_read_position(user, position) and reply_refusal(user, position) is None


def check_can_reply(user: AnyUser, position: Position, *, parent: Reply | None = None) -> None:
    """404 for a position (or a reply answered) this user may not read; 403 with the reason
    when they may read it but not reply."""
    check_can_read_position(user, position)
    if parent is not None:
        check_can_read_reply(user, parent, position)
    reason = reply_refusal(user, position)
    if reason is None and parent is not None and not takes_part(parent):
        reason = _("That reply was removed, so it cannot be answered.")
    if reason is not None:
        raise PermissionDenied(reason)


def _account_feedback_refusal(user: AnyUser) -> str | None:
    """Why this account may like or dislike no reply at all, or None."""
    if not user.is_authenticated:
        return _("Sign in to like or dislike a reply.")
    if not user.is_active:
        return _("This account is inactive.")
    return standing_refusal(
        user, unverified=_("Verify your e-mail address before you like or dislike a reply.")
    )


def _reply_feedback_refusal(user: AnyUser, reply: Reply) -> str | None:
    if reply.user_id == user.pk:
        return _("You cannot like or dislike your own reply.")
    if not takes_part(reply):
        return _("That reply is not visible now, so it takes no likes.")
    return None


def _feedback_refusal(user: AnyUser, reply: Reply) -> str | None:
    return _account_feedback_refusal(user) or _reply_feedback_refusal(user, reply)


def can_give_feedback(user: AnyUser, reply: Reply) -> bool:
    return _feedback_refusal(user, reply) is None


def feedback_allowed(user: AnyUser) -> Callable[[Reply], bool]:
    """`can_give_feedback` for many replies, the account's standing decided once."""
    if _account_feedback_refusal(user) is not None:
        return lambda reply: False
    return lambda reply: _reply_feedback_refusal(user, reply) is None


def check_can_give_feedback(user: AnyUser, reply: Reply, *, position: Position) -> None:
    check_can_read_reply(user, reply, position)
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


def check_can_follow_discussion(user: AnyUser, position: Position) -> None:
    check_can_read_position(user, position)
    reason = _follow_refusal(user)
    if reason is not None:
        raise PermissionDenied(reason)
