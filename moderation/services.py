"""Every write of trust and safety; each one logs what it did in the same transaction.

This module is the app's write interface: what other apps call is here, including the
contribution checks and sanctions kept in their own modules (re-exported below)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation import registry, screening
from moderation.contributions import RateLimited, approved_count, check_can_contribute, screen
from moderation.models import (
    REPORT_REASONS,
    Appeal,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
    Reason,
    Report,
)
from moderation.permissions import (
    check_can_moderate,
    check_can_report,
)
from moderation.records import (
    apply_status,
    log_action,
    mail_moderators,
    notify_author,
)
from moderation.sanctions import sanction_create, sanction_lift
from moderation.transitions import (
    ACTION_REASONS,
    ACTION_VERBS,
    BULK_ACTIONS,
    QUEUE_ACTIONS,
    TRANSITIONS,
    actions_for,
)

__all__ = [
    "ACTION_REASONS",
    "BULK_ACTIONS",
    "QUEUE_ACTIONS",
    "TRANSITIONS",
    "RateLimited",
    "approved_count",
    "check_can_contribute",
    "sanction_create",
    "sanction_lift",
    "screen",
]


Action = ModerationAction.Action
CLAIM_LIFETIME = datetime.timedelta(minutes=30)


MODERATOR_PERMISSIONS = [
    ("moderation", "moderate"),
    ("moderation", "sanction"),
    ("moderation", "view_moderationaction"),
    ("moderation", "view_moderateditem"),
    ("moderation", "view_report"),
    ("moderation", "view_appeal"),
    ("moderation", "view_sanction"),
    ("forum", "view_reply"),
    ("django_comments", "view_commentflag"),
    ("forum", "publish_summary"),
]


def moderators_group():
    """The Moderators group with its permissions (migration moderation 0002 creates it; this
    restores it where it was deleted, e.g. by the demo command on an emptied database)."""
    group, _created = Group.objects.get_or_create(name="Moderators")
    query = Q()
    for app_label, codename in MODERATOR_PERMISSIONS:
        query |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*Permission.objects.filter(query))
    return group


def item_track(*, content: models.Model, holds: list[screening.Hold]) -> ModeratedItem:
    """After a position or reply is written or edited: record it, and log and tell the author
    when the screening rules hold it. The content was saved with the status that matches."""
    item, _created = ModeratedItem.objects.get_or_create(
        content_type=registry.content_type_for(content),
        object_id=content.pk,
        defaults={
            "author": content.moderation_author,
            "scope": content.moderation_scope,
            "status": content.moderation_status,
        },
    )
    if not holds:
        return item
    item = ModeratedItem.objects.select_for_update().get(pk=item.pk)
    if item.status in (ModerationStatus.HIDDEN, ModerationStatus.REMOVED):
        # An edit does not bring hidden or removed content back; the hold is moot.
        return item
    item.status = ModerationStatus.HELD
    item.reason = Reason.SCREENING
    item.holds = [hold.code for hold in holds]
    item.queued_at = item.queued_at or timezone.now()
    item.save(update_fields=["status", "reason", "holds", "queued_at"])
    apply_status(item, content)
    log_action(
        actor=None,
        action=Action.HOLD,
        item=item,
        reason=Reason.SCREENING,
        note=", ".join(item.holds),
    )
    notify_author(
        item,
        event=Action.HOLD,
        excerpt=content.moderation_excerpt(),
        reason=Reason.SCREENING,
        holds=item.holds,
    )
    return item


def item_open(*, moderator, content: models.Model) -> ModeratedItem:
    """A moderator opens a position or reply for review: its item, recorded if it never was."""
    check_can_moderate(moderator)
    registry.check_can_read(moderator, content)
    return item_track(content=content, holds=[])


@dataclass(frozen=True)
class ReportResult:
    created: bool
    hidden: bool


def report_create(*, reporter, content: models.Model, reason: str, text: str = "") -> ReportResult:
    """A signed-in citizen reports a position or reply. At the threshold of open reports the
    item is hidden until a moderator looks (and moderators are e-mailed). Content the
    reporter may not read answers 404 (registry.check_can_read) and writes nothing."""
    registry.check_can_read(reporter, content)
    check_can_report(reporter, author_id=getattr(content.moderation_author, "pk", None))
    if reason not in {r.value for r in REPORT_REASONS}:
        raise ValidationError({"reason": _("Choose one of the reasons.")}, code="reason")
    text = text.strip()
    if reason == Reason.OTHER and not text:
        raise ValidationError({"text": _("Say what is wrong when you choose “other”.")})
    if "\x00" in text or len(text) > 1000:
        raise ValidationError({"text": _("Use at most 1000 characters, without NUL bytes.")})
    with transaction.atomic():
        item = item_track(content=content, holds=[])
        item = ModeratedItem.objects.select_for_update().get(pk=item.pk)
        if item.status == ModerationStatus.REMOVED:
            raise ValidationError(_("This has already been removed."), code="removed")
        try:
            with transaction.atomic():
                Report.objects.create(item=item, reporter=reporter, reason=reason, text=text)
        except IntegrityError:
            return ReportResult(created=False, hidden=False)
        if item.queued_at is None:
            item.queued_at = timezone.now()
            item.save(update_fields=["queued_at"])
        open_reports = item.reports.open().count()
        if item.status == ModerationStatus.VISIBLE and open_reports >= (
            settings.MODERATION_REPORT_THRESHOLD
        ):
            item.status = ModerationStatus.HIDDEN
            item.reason = Reason.REPORTS
            item.save(update_fields=["status", "reason"])
            apply_status(item, content)
            log_action(actor=None, action=Action.AUTO_HIDE, item=item, reason=Reason.REPORTS)
            notify_author(
                item,
                event=Action.AUTO_HIDE,
                excerpt=content.moderation_excerpt(),
                reason=Reason.REPORTS,
            )
            mail_moderators(item, content)
            return ReportResult(created=True, hidden=True)
    return ReportResult(created=True, hidden=False)


def _check_can_read_item(moderator, item: ModeratedItem) -> None:
    """Content the moderator may not read (a draft consultation's, for one who is not an
    organizer) does not exist for them: 404, as everywhere (the forum's visibility rule)."""
    content = item.content_object
    if content is not None:
        registry.check_can_read(moderator, content)


def item_claim(*, moderator, item: ModeratedItem) -> None:
    """A moderator takes an item so that nobody else works it for the next half hour."""
    check_can_moderate(moderator)
    _check_can_read_item(moderator, item)
    now = timezone.now()
    taken = ModeratedItem.objects.filter(pk=item.pk).filter(
        Q(claimed_by__isnull=True)
        | Q(claimed_by=moderator)
        | Q(claimed_at__lt=now - CLAIM_LIFETIME)
    )
    if not taken.update(claimed_by=moderator, claimed_at=now):
        holder = ModeratedItem.objects.filter(pk=item.pk).values_list(
            "claimed_by__username", flat=True
        )
        raise ValidationError(
            _("%(name)s is working on this item.") % {"name": holder.first() or "?"},
            code="claimed",
        )


def item_act(
    *,
    moderator,
    item: ModeratedItem,
    action: str,
    reason: str,
    note: str = "",
    expected_status: str | None = None,
) -> ModeratedItem:
    """A moderator approves, hides, removes, restores or dismisses the reports of an item,
    with a reason. Refused when another moderator changed it first."""
    check_can_moderate(moderator)
    _check_can_read_item(moderator, item)
    if action not in TRANSITIONS:
        raise ValidationError(_("Choose an action."), code="action")
    _check_reason_fits(action, reason)
    note = note.strip()
    if "\x00" in note or len(note) > 2000:
        raise ValidationError({"note": _("Use at most 2000 characters, without NUL bytes.")})
    with transaction.atomic():
        item = ModeratedItem.objects.select_for_update().get(pk=item.pk)
        if expected_status is not None and item.status != expected_status:
            raise ValidationError(
                _("Another moderator acted on this first: it is now “%(status)s”.")
                % {"status": ModerationStatus(item.status).label},
                code="stale",
            )
        claimed_by_other = (
            item.claimed_by_id
            and item.claimed_by_id != moderator.pk
            and item.claimed_at
            and item.claimed_at >= timezone.now() - CLAIM_LIFETIME
        )
        if claimed_by_other:
            raise ValidationError(_("Another moderator has claimed this item."), code="claimed")
        _sources, target = TRANSITIONS[action]
        open_reports = item.reports.open()
        if action not in actions_for(item.status, has_open_reports=open_reports.exists()):
            raise ValidationError(
                _("“%(action)s” does not apply to an item that is “%(status)s”; nothing changed.")
                % {"action": ACTION_VERBS[action], "status": ModerationStatus(item.status).label},
                code="transition",
            )
        now = timezone.now()
        upheld = target != ModerationStatus.VISIBLE
        open_reports.update(resolved_at=now, upheld=upheld)
        item.status = target
        item.reason = reason
        item.note = note
        item.claimed_by = None
        item.claimed_at = None
        item.queued_at = None
        item.save(
            update_fields=["status", "reason", "note", "claimed_by", "claimed_at", "queued_at"]
        )
        content = item.content_object
        if content is not None:
            apply_status(item, content)
        log_action(actor=moderator, action=action, item=item, reason=reason, note=note)
        _decide_appeal(item, moderator=moderator, upheld=not upheld, reason=reason)
        if content is not None:
            notify_author(
                item,
                event=action,
                excerpt=content.moderation_excerpt(),
                reason=reason,
                note=note,
                may_appeal=action in (Action.HIDE, Action.REMOVE)
                and not Appeal.objects.filter(item=item).exists(),
            )
    return item


def items_bulk_act(*, moderator, item_ids: list[int], action: str, reason: str) -> int:
    """Approve held items or dismiss reports, many at once; returns how many changed."""
    check_can_moderate(moderator)
    if action not in BULK_ACTIONS:
        raise ValidationError(_("Only approving and dismissing work in bulk."), code="bulk")
    # Checked once here: item_act would refuse every item alike, and quietly.
    _check_reason_fits(action, reason)
    done = 0
    for item in ModeratedItem.objects.filter(pk__in=item_ids).order_by("pk"):
        try:
            with transaction.atomic():
                item_act(moderator=moderator, item=item, action=action, reason=reason)
        except (ValidationError, Http404):
            continue
        done += 1
    return done


def _check_reason_fits(action: str, reason: str) -> None:
    if not reason:
        raise ValidationError({"reason": _("Choose a reason.")}, code="reason")
    if reason not in {r.value for r in ACTION_REASONS[action]}:
        raise ValidationError(
            {"reason": _("This reason does not fit the action you chose.")}, code="reason"
        )


def _decide_appeal(item: ModeratedItem, *, moderator, upheld: bool, reason: str) -> None:
    appeal = Appeal.objects.filter(item=item, outcome="").first()
    if appeal is None:
        return
    appeal.outcome = Appeal.Outcome.UPHELD if upheld else Appeal.Outcome.REJECTED
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["outcome", "decided_at"])
    log_action(
        actor=moderator,
        action=Action.APPEAL_UPHELD if upheld else Action.APPEAL_REJECTED,
        item=item,
        reason=reason,
    )


def appeal_create(*, author, item: ModeratedItem, text: str) -> Appeal:
    """The author appeals, once, against hiding or removing their contribution.

    A suspended or banned account may still appeal: it is the one thing a sanction leaves it,
    since the decision it contests may be what led to the sanction."""
    if item.author_id != author.pk:
        raise ValidationError(_("Only the author may appeal."), code="not_author")
    if item.status not in (ModerationStatus.HIDDEN, ModerationStatus.REMOVED):
        raise ValidationError(_("Only hidden or removed contributions can be appealed."))
    text = text.strip()
    if not text or "\x00" in text or len(text) > 2000:
        raise ValidationError(
            {"text": _("Explain your appeal in at most 2000 characters.")}, code="text"
        )
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(item=item, author=author, text=text)
            ModeratedItem.objects.filter(pk=item.pk).update(queued_at=timezone.now())
            log_action(actor=author, action=Action.APPEAL, item=item, note=text)
    except IntegrityError:
        raise ValidationError(
            _("You have already appealed this decision."), code="appealed"
        ) from None
    return appeal
