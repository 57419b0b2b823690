"""Sanctions on accounts: warnings, suspensions, bans, and lifting them; each logged."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import (
    ModerationAction,
    Sanction,
)
from moderation.permissions import (
    check_can_sanction,
    sanction_target_refusal,
)
from moderation.records import log_action, notice_create

Action = ModerationAction.Action


def sanction_create(
    *, moderator, user, kind: str, reason: str, until: datetime.datetime | None = None, note=""
) -> Sanction:
    """A moderator warns, suspends (until a date) or bans an account, with a reason."""
    check_can_sanction(moderator)
    refusal = sanction_target_refusal(moderator, user)
    if refusal is not None:
        raise ValidationError(refusal, code="target")
    if kind == Sanction.Kind.SUSPENSION and (until is None or until <= timezone.now()):
        raise ValidationError({"until": _("A suspension needs an end in the future.")})
    if kind != Sanction.Kind.SUSPENSION:
        until = None
    sanction = Sanction(
        user=user, kind=kind, reason=reason, until=until, note=note.strip(), created_by=moderator
    )
    sanction.full_clean(exclude=["user", "created_by"])
    with transaction.atomic():
        sanction.save()
        action = {
            Sanction.Kind.WARNING: Action.WARN,
            Sanction.Kind.SUSPENSION: Action.SUSPEND,
            Sanction.Kind.BAN: Action.BAN,
        }[kind]
        log_action(
            actor=moderator, action=action, target_user=user, reason=reason, note=sanction.note
        )
        notice_create(user, None, event=action, reason=reason, until=until, note=sanction.note)
    return sanction


def sanction_lift(*, moderator, sanction: Sanction) -> None:
    """A moderator lifts a suspension or ban early; the same accounts as for sanctioning."""
    check_can_sanction(moderator)
    refusal = sanction_target_refusal(moderator, sanction.user)
    if refusal is not None:
        raise ValidationError(refusal, code="target")
    with transaction.atomic():
        updated = Sanction.objects.filter(pk=sanction.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
        if not updated:
            raise ValidationError(_("This sanction was already lifted."), code="lifted")
        log_action(
            actor=moderator, action=Action.LIFT, target_user=sanction.user, reason=sanction.reason
        )
