"""Who may do what in the deliberation domain.

Each rule is a `can_…` predicate for templates and a `check_can_…` that raises
PermissionDenied with a message the citizen can act on. Services call the checks first.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from forum.models import Consultation, Phase, Position, Reply, Topic, User
from moderation.permissions import account_standing, can_moderate, sanction_refusal

AnyUser = User | AnonymousUser


def has_verified_email(user: AnyUser) -> bool:
    # One query, cached on the user, answers this and whether a sanction is in force.
    return account_standing(user).verified


def can_view_consultation(user: AnyUser, consultation: Consultation) -> bool:
    return consultation.is_public or user.has_perm("forum.view_draft_consultation")


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
    if not has_verified_email(user):
        return _("Verify your e-mail address before you post.")
    return sanction_refusal(user)


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
    reason = _revise_refusal(user, position)
    if reason is not None:
        raise PermissionDenied(reason)


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


def can_see_held(user: AnyUser) -> bool:
    """Moderators see what waits for review; everyone else sees only their own."""
    return can_moderate(user)


def vote_refusal(user: AnyUser, position: Position) -> str | None:
    """Why this user may not vote on this position, or None when they may."""
    if not user.is_authenticated:
        return _("Sign in to vote.")
    if position.author_id == user.pk:
        return _("You cannot vote on your own position.")
    if not position.is_published:
        return _("This position is not visible now, so it takes no votes.")
    consultation = position.topic.consultation
    if not consultation.accepts_positions:
        return _("This consultation is closed: it no longer takes votes.")
    if not has_verified_email(user):
        return _("Verify your e-mail address before you vote.")
    return sanction_refusal(user)


def can_vote(user: AnyUser, position: Position) -> bool:
    return vote_refusal(user, position) is None


def check_can_vote(user: AnyUser, position: Position) -> None:
    reason = vote_refusal(user, position)
    if reason is not None:
        raise PermissionDenied(reason)
