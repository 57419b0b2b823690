"""Who may write and publish summaries."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from forum.models import (
    Phase,
)
from forum.summaries.scope import Scope, consultation_of
from moderation.permissions import sanction_refusal


def can_publish_summary(user) -> bool:
    """Moderators (the group holds the permission), while no sanction stops their account."""
    return bool(
        user.is_authenticated
        and user.is_staff
        and user.has_perm("forum.publish_summary")
        and sanction_refusal(user) is None
    )


def summary_refusal(user, scope: Scope) -> str | None:
    if not can_publish_summary(user):
        return _("Only moderators write and publish summaries.")
    if consultation_of(scope).phase in (Phase.DRAFT, Phase.OPEN):
        return _("A topic is summarised once its consultation is closed; this one is still open.")
    return None


def check_can_write_summary(user, scope: Scope) -> None:
    reason = summary_refusal(user, scope)
    if reason is not None:
        raise PermissionDenied(reason)
