"""What every feature's permission rules share: who a request's user may be, and whether
their address is verified. The rules themselves live in each feature's `permissions.py`.

Each rule is a `can_…` predicate for templates and a `check_can_…` that raises
PermissionDenied with a message the citizen can act on. Services call the checks first.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from forum.models import User
from moderation.permissions import account_standing, sanction_refusal

AnyUser = User | AnonymousUser


def has_verified_email(user: AnyUser) -> bool:
    # One query, cached on the user, answers this and whether a sanction is in force.
    return account_standing(user).verified


def standing_refusal(user: AnyUser, *, unverified: str) -> str | None:
    """Why this signed-in account may not write now: a sanction in force (said first: a
    suspended account must learn it is suspended, not that it should verify its address),
    else an unverified address (`unverified` says what for), else None."""
    refusal = sanction_refusal(user)
    if refusal is not None:
        return refusal
    if not has_verified_email(user):
        return unverified
    return None
