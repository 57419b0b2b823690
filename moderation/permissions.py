"""Who may moderate, and whether an account may write at all (sanctions).

`account_standing` answers "is the address verified, and is a sanction in force" in one
query and keeps the answer on the user object, because every page asks both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from moderation.models import Reason, Sanction


@dataclass(frozen=True)
class Standing:
    verified: bool
    sanction_kind: str | None
    sanction_until: datetime | None
    sanction_reason: str | None


def account_standing(user) -> Standing:
    if not user.is_authenticated:
        return Standing(False, None, None, None)
    cached = getattr(user, "_agora_standing", None)
    if cached is not None:
        return cached
    in_force = Sanction.objects.in_force().filter(user=OuterRef("pk")).order_by("-created_at")
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            sanction_kind=Subquery(in_force.values("kind")[:1]),
            sanction_until=Subquery(in_force.values("until")[:1]),
            sanction_reason=Subquery(in_force.values("reason")[:1]),
        )
        .values("verified", "sanction_kind", "sanction_until", "sanction_reason")
        .first()
    )
    standing = Standing(**row) if row else Standing(False, None, None, None)
    user._agora_standing = standing
    return standing


def sanction_refusal(user) -> str | None:
    """Why a sanction stops this account from writing now, with until when, or None."""
    standing = account_standing(user)
    if standing.sanction_kind is None:
        return None
    reason = Reason(standing.sanction_reason).label if standing.sanction_reason else ""
    if standing.sanction_kind == Sanction.Kind.BAN:
        return _("Your account is banned (reason: %(reason)s).") % {"reason": reason}
    return _("Your account is suspended until %(until)s (reason: %(reason)s).") % {
        # The database answers in UTC; people read the site's time.
        "until": formats.date_format(
            timezone.localtime(standing.sanction_until), "DATETIME_FORMAT"
        ),
        "reason": reason,
    }


def check_not_sanctioned(user) -> None:
    reason = sanction_refusal(user)
    if reason is not None:
        raise PermissionDenied(reason)


def _holds_permission(user, codename: str) -> bool:
    # Asking only staff spares every citizen's page the two permission queries.
    return bool(user.is_authenticated and user.is_staff and user.has_perm(f"moderation.{codename}"))


def can_moderate(user) -> bool:
    """Moderators are staff accounts with the moderation permission (the Moderators group),
    and no suspension or ban in force: a sanctioned moderator is a citizen who cannot write."""
    return _holds_permission(user, "moderate") and account_standing(user).sanction_kind is None


def check_can_moderate(user) -> None:
    if not _holds_permission(user, "moderate"):
        raise PermissionDenied(_("Only moderators may do this."))
    check_not_sanctioned(user)


def can_sanction(user) -> bool:
    return _holds_permission(user, "sanction") and account_standing(user).sanction_kind is None


def check_can_sanction(user) -> None:
    if not _holds_permission(user, "sanction"):
        raise PermissionDenied(_("Only moderators may sanction accounts."))
    check_not_sanctioned(user)


def sanction_target_refusal(moderator, target) -> str | None:
    """Why `moderator` may not sanction `target` (or lift its sanctions), or None.

    Staff accounts answer to the administrators, who may suspend a moderator; administrator
    accounts are never sanctioned here (another administrator changes them in the admin).
    """
    if target.pk == moderator.pk:
        return _("You cannot sanction your own account.")
    if target.is_superuser:
        return _("Administrator accounts cannot be sanctioned.")
    if target.is_staff and not moderator.is_superuser:
        return _("Only an administrator may sanction a staff account.")
    return None


def can_report(user, *, author_id: int | None) -> bool:
    return report_refusal(user, author_id=author_id) is None


def report_allowed(user) -> Callable[[int | None], bool]:
    """`can_report` for many contributions, by their authors' ids: the account's standing is
    decided once."""
    if _account_report_refusal(user) is not None:
        return lambda author_id: False
    return lambda author_id: _contribution_report_refusal(user, author_id) is None


def _account_report_refusal(user) -> str | None:
    if not user.is_authenticated:
        return _("Sign in to report.")
    if not user.is_active:
        return _("This account is inactive.")
    return sanction_refusal(user)


def _contribution_report_refusal(user, author_id: int | None) -> str | None:
    if author_id == user.pk:
        return _("You cannot report your own contribution.")
    return None


def report_refusal(user, *, author_id: int | None) -> str | None:
    return _account_report_refusal(user) or _contribution_report_refusal(user, author_id)


def check_can_report(user, *, author_id: int | None) -> None:
    reason = report_refusal(user, author_id=author_id)
    if reason is not None:
        raise PermissionDenied(reason)


def can_appeal(user, *, author_id: int | None) -> bool:
    return user.is_authenticated and author_id == user.pk
