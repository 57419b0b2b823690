"""Every write of trust and safety; each one logs what it did in the same transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from moderation import registry, screening
from moderation.models import (
    CLEARING_REASONS,
    REPORT_REASONS,
    VIOLATION_REASONS,
    Appeal,
    Contribution,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
    Notice,
    Reason,
    Report,
    Sanction,
)
from moderation.permissions import (
    check_can_moderate,
    check_can_report,
    check_can_sanction,
    check_not_sanctioned,
    sanction_target_refusal,
)

Action = ModerationAction.Action
CLAIM_LIFETIME = datetime.timedelta(minutes=30)

# Which moderator action may start from which status, and where it leads.
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    Action.APPROVE: ({ModerationStatus.HELD, ModerationStatus.HIDDEN}, ModerationStatus.VISIBLE),
    Action.HIDE: ({ModerationStatus.VISIBLE, ModerationStatus.HELD}, ModerationStatus.HIDDEN),
    Action.REMOVE: (
        {ModerationStatus.VISIBLE, ModerationStatus.HELD, ModerationStatus.HIDDEN},
        ModerationStatus.REMOVED,
    ),
    Action.RESTORE: ({ModerationStatus.HIDDEN, ModerationStatus.REMOVED}, ModerationStatus.VISIBLE),
    Action.DISMISS: ({ModerationStatus.VISIBLE, ModerationStatus.HIDDEN}, ModerationStatus.VISIBLE),
}
QUEUE_ACTIONS = list(TRANSITIONS)
# The reasons that fit each action: clearing an item takes a clearing reason, acting against
# it a violation, so that no approval is ever logged "for spam".
ACTION_REASONS: dict[str, list[Reason]] = {
    Action.APPROVE: CLEARING_REASONS,
    Action.RESTORE: CLEARING_REASONS,
    Action.DISMISS: CLEARING_REASONS,
    Action.HIDE: VIOLATION_REASONS,
    Action.REMOVE: VIOLATION_REASONS,
}
BULK_ACTIONS = [Action.APPROVE, Action.DISMISS]


class RateLimited(Exception):
    """Too many contributions too fast; nothing was written. Answered with a 429 page."""

    def __init__(self, retry_at: datetime.datetime) -> None:
        super().__init__(retry_at.isoformat())
        self.retry_at = retry_at


# Roles ------------------------------------------------------------------------------------

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


# Screening and tracking -------------------------------------------------------------------


def check_can_contribute(*, user, new: bool) -> None:
    """Before a position, reply or revision is written: refuse it when a sanction is in force
    or the account has reached a rate limit, else record it as the account's contribution.

    Call it inside the transaction that writes the contribution: the row it adds goes when a
    refused or failed submission rolls back. New content and revisions count alike, against
    the same limits (settings.MODERATION_RATE_LIMITS). Locks the account's row so that two
    submissions at once are counted one after the other.
    """
    check_not_sanctioned(user)
    user_model = get_user_model()
    list(user_model.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    now = timezone.now()
    young = now - user.date_joined < settings.MODERATION_RATE_NEW_ACCOUNT_AGE
    limits = settings.MODERATION_RATE_LIMITS["new" if young else "established"]
    longest = datetime.timedelta(seconds=max(window for window, _count in limits))
    recent = Contribution.objects.filter(user=user, created_at__gte=now - longest)
    counts = recent.aggregate(
        **{
            f"w{window}": Count(
                "pk", filter=Q(created_at__gte=now - datetime.timedelta(seconds=window))
            )
            for window, _count in limits
        }
    )
    for window, limit in limits:
        if counts[f"w{window}"] >= limit:
            span = datetime.timedelta(seconds=window)
            oldest = (
                recent.filter(created_at__gte=now - span)
                .order_by("-created_at")
                .values_list("created_at", flat=True)[limit - 1]
            )
            raise RateLimited(oldest + span)
    Contribution.objects.create(
        user=user, kind=Contribution.Kind.NEW if new else Contribution.Kind.REVISION, created_at=now
    )


def approved_count(user) -> int:
    return ModeratedItem.objects.filter(
        author=user, status=ModerationStatus.VISIBLE, holds=[]
    ).count()


def screen(*, author, text: str, premoderated: bool) -> list[screening.Hold]:
    """The screening rules that hold this text by this author, before it is saved."""
    rules = screening.ScreeningRules.from_settings()
    needs_history = rules.min_approved > 0
    return screening.screen(
        text=text,
        account_age=timezone.now() - author.date_joined,
        approved_count=approved_count(author) if needs_history else 0,
        premoderated=premoderated,
        rules=rules,
    )


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
    _apply(item, content)
    _log(
        actor=None,
        action=Action.HOLD,
        item=item,
        reason=Reason.SCREENING,
        note=", ".join(item.holds),
    )
    _notify(
        item,
        _(
            "Your contribution “%(excerpt)s” waits for a moderator's review before it "
            "appears: %(why)s"
        )
        % {"excerpt": content.moderation_excerpt(), "why": " ".join(str(h.message) for h in holds)},
    )
    return item


def item_open(*, moderator, content: models.Model) -> ModeratedItem:
    """A moderator opens a position or reply for review: its item, recorded if it never was."""
    check_can_moderate(moderator)
    return item_track(content=content, holds=[])


# Reports ----------------------------------------------------------------------------------


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
            _apply(item, content)
            _log(actor=None, action=Action.AUTO_HIDE, item=item, reason=Reason.REPORTS)
            _notify(
                item,
                _(
                    "Your contribution “%(excerpt)s” is hidden until a moderator reviews it: "
                    "several citizens reported it."
                )
                % {"excerpt": content.moderation_excerpt()},
            )
            _mail_moderators(item, content)
            return ReportResult(created=True, hidden=True)
    return ReportResult(created=True, hidden=False)


# Moderators' actions ----------------------------------------------------------------------


def item_claim(*, moderator, item: ModeratedItem) -> None:
    """A moderator takes an item so that nobody else works it for the next half hour."""
    check_can_moderate(moderator)
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
        sources, target = TRANSITIONS[action]
        open_reports = item.reports.open()
        if item.status not in sources or (action == Action.DISMISS and not open_reports.exists()):
            raise ValidationError(
                _("You cannot do that to an item that is “%(status)s”.")
                % {"status": ModerationStatus(item.status).label},
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
            _apply(item, content)
        _log(actor=moderator, action=action, item=item, reason=reason, note=note)
        _decide_appeal(item, moderator=moderator, upheld=not upheld, reason=reason)
        if content is not None:
            _notify(item, _action_notice(action, item, content))
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
        except ValidationError:
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
    _log(
        actor=moderator,
        action=Action.APPEAL_UPHELD if upheld else Action.APPEAL_REJECTED,
        item=item,
        reason=reason,
    )


def _action_notice(action: str, item: ModeratedItem, content: models.Model) -> str:
    values = {
        "excerpt": content.moderation_excerpt(),
        "reason": Reason(item.reason).label,
        "note": item.note,
    }
    if action == Action.HIDE:
        text = _("A moderator hid your contribution “%(excerpt)s”: %(reason)s.") % values
    elif action == Action.REMOVE:
        text = _("A moderator removed your contribution “%(excerpt)s”: %(reason)s.") % values
    elif action == Action.RESTORE:
        text = _("Your contribution “%(excerpt)s” was restored.") % values
    else:
        text = _("Your contribution “%(excerpt)s” was reviewed and is visible.") % values
    if item.note:
        text += " " + item.note
    if action in (Action.HIDE, Action.REMOVE) and not Appeal.objects.filter(item=item).exists():
        text += " " + _("You may appeal once, from your notices.")
    return text


# Appeals ----------------------------------------------------------------------------------


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
            _log(actor=author, action=Action.APPEAL, item=item, note=text)
    except IntegrityError:
        raise ValidationError(
            _("You have already appealed this decision."), code="appealed"
        ) from None
    return appeal


# Sanctions --------------------------------------------------------------------------------


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
        _log(actor=moderator, action=action, target_user=user, reason=reason, note=sanction.note)
        values = {"reason": Reason(reason).label}
        if kind == Sanction.Kind.WARNING:
            text = _("Moderators warn your account: %(reason)s.") % values
        elif kind == Sanction.Kind.SUSPENSION:
            values["until"] = formats.date_format(timezone.localtime(until), "DATETIME_FORMAT")
            text = (
                _(
                    "Your account is suspended until %(until)s: %(reason)s. Until then you cannot "
                    "post, reply, vote, report or edit."
                )
                % values
            )
        else:
            text = _("Your account is banned: %(reason)s.") % values
        if sanction.note:
            text += " " + sanction.note
        _notice(user, None, text)
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
        _log(actor=moderator, action=Action.LIFT, target_user=sanction.user, reason=sanction.reason)


# Internals --------------------------------------------------------------------------------


def _apply(item: ModeratedItem, content: models.Model) -> None:
    fields = content.apply_moderation(status=item.status, reason=item.reason)
    content.save(update_fields=fields)


def _log(*, actor, action, item=None, target_user=None, reason="", note="") -> None:
    ModerationAction.objects.create(
        actor=actor,
        action=action,
        item=item,
        target_user=target_user,
        scope=item.scope if item else "",
        reason=reason or "",
        note=note or "",
    )


def _notify(item: ModeratedItem, text: str) -> None:
    if item.author_id is None:
        return
    _notice(item.author, item, text)


def _notice(user, item: ModeratedItem | None, text: str) -> None:
    Notice.objects.create(user=user, item=item, text=text)
    if not user.email:
        return
    body = render_to_string(
        "moderation/email/notice.txt",
        {"user": user, "text": text, "site_url": settings.AGORA_SITE_URL},
    )
    message = EmailMessage(
        subject=_("About your contributions on Agora"), body=body, to=[user.email]
    )
    transaction.on_commit(lambda: get_connection().send_messages([message]), robust=True)


def _mail_moderators(item: ModeratedItem, content: models.Model) -> None:
    addresses = list(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(
                groups__permissions__codename="moderate",
                groups__permissions__content_type__app_label="moderation",
            )
            | Q(is_superuser=True)
        )
        .exclude(email="")
        # A suspended or banned moderator cannot act on it.
        .exclude(Exists(Sanction.objects.in_force().filter(user=OuterRef("pk"))))
        .values_list("email", flat=True)
        .distinct()
    )
    if not addresses:
        return
    body = render_to_string(
        "moderation/email/reported.txt",
        {
            "item": item,
            "excerpt": content.moderation_excerpt(),
            "site_url": settings.AGORA_SITE_URL,
        },
    )
    message = EmailMessage(
        subject=_("Hidden after reports: please review"), body=body, bcc=addresses
    )
    transaction.on_commit(lambda: get_connection().send_messages([message]), robust=True)
