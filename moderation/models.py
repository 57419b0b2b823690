"""Trust and safety: moderated items, reports, appeals, sanctions, notices and the log.

Content is known only through a generic reference and the small interface in
`moderation.registry`; this app never imports the forum.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Awaiting review")
    HIDDEN = "hidden", _("Hidden pending review")
    REMOVED = "removed", _("Removed")


class Reason(models.TextChoices):
    SPAM = "spam", _("spam")
    HARASSMENT = "harassment", _("harassment")
    OFF_TOPIC = "off_topic", _("off-topic")
    PERSONAL_DATA = "personal_data", _("personal data of others")
    ILLEGAL = "illegal", _("illegal content")
    OTHER = "other", _("other")
    WITHIN_RULES = "within_rules", _("within the participation rules")
    SCREENING = "screening", _("held by the screening rules")
    REPORTS = "reports", _("reported by several citizens")


# What a citizen may give as the reason for a report.
REPORT_REASONS = [
    Reason.SPAM,
    Reason.HARASSMENT,
    Reason.OFF_TOPIC,
    Reason.PERSONAL_DATA,
    Reason.ILLEGAL,
    Reason.OTHER,
]
# What a moderator may give for approving or restoring, and for hiding or removing.
CLEARING_REASONS = [Reason.WITHIN_RULES, Reason.OTHER]
VIOLATION_REASONS = REPORT_REASONS


class ModeratedItem(models.Model):
    """The moderation state of one position or reply: its status and why, who is working it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderated_items",
    )
    # The consultation the item belongs to (its slug), for filters and per-consultation counts.
    scope = models.CharField(_("consultation"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ModerationStatus.choices, default="visible"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    note = models.TextField(_("moderator's note"), blank=True, max_length=2000)
    holds = models.JSONField(_("screening rules that held it"), default=list, blank=True)
    queued_at = models.DateTimeField(_("in the queue since"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("moderated item")
        verbose_name_plural = _("moderated items")
        permissions = [
            ("moderate", _("Can work the review queue and act on content")),
            ("sanction", _("Can warn, suspend and ban accounts")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="moderated_item_once_per_content"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ModerationStatus.values),
                name="moderated_item_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["queued_at"], name="moderated_item_queue"),
            models.Index(fields=["author", "status"], name="moderated_item_author"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} ({self.status})"


class ReportQuerySet(models.QuerySet):
    def open(self) -> ReportQuerySet:
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A signed-in citizen's report of a position or reply, with a reason."""

    item = models.ForeignKey(ModeratedItem, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=[(r.value, r.label) for r in REPORT_REASONS]
    )
    text = models.TextField(_("details"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    upheld = models.BooleanField(null=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]
        constraints = [
            # One report per person per item: concurrent reports cannot double-count.
            models.UniqueConstraint(fields=["item", "reporter"], name="report_once_per_person"),
            models.CheckConstraint(
                condition=~models.Q(reason="other") | ~models.Q(text=""),
                name="report_other_needs_text",
            ),
            models.CheckConstraint(
                condition=models.Q(reason__in=[r.value for r in REPORT_REASONS]),
                name="report_reason_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} on {self.item_id}"


class Appeal(models.Model):
    """The author's one appeal against hiding or removing their contribution."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("upheld: the contribution was restored")
        REJECTED = "rejected", _("rejected: the decision stands")

    item = models.OneToOneField(ModeratedItem, on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    text = models.TextField(_("your appeal"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"appeal on {self.item_id}"


class SanctionQuerySet(models.QuerySet):
    def in_force(self, *, at=None) -> SanctionQuerySet:
        """Suspensions and bans that stop an account now (warnings never do)."""
        at = at or timezone.now()
        return self.filter(
            kind__in=[Sanction.Kind.SUSPENSION, Sanction.Kind.BAN], lifted_at__isnull=True
        ).filter(models.Q(until__isnull=True) | models.Q(until__gt=at))


class Sanction(models.Model):
    """A warning, a suspension until a date, or a ban, with its reason."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("warning")
        SUSPENSION = "suspension", _("suspension")
        BAN = "ban", _("ban")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=[(r.value, r.label) for r in VIOLATION_REASONS]
    )
    note = models.TextField(_("note to the account"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="suspension") | models.Q(until__isnull=False),
                name="suspension_has_an_end",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="ban") | models.Q(until__isnull=True),
                name="ban_has_no_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id}"


class Notice(models.Model):
    """What moderation tells an account on the site (also sent by e-mail).

    Stored as the event (what happened, to which contribution, why, until when), not as
    words: moderation/notices.py puts it in the reader's language when shown or sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    item = models.ForeignKey(ModeratedItem, on_delete=models.CASCADE, null=True, blank=True)
    # One of ModerationAction.Action's codes (declared below, hence no `choices` here).
    event = models.CharField(_("what happened"), max_length=20, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    # The contribution's opening words, as its author wrote them.
    excerpt = models.CharField(_("contribution"), max_length=200, blank=True)
    # The moderator's own words to the account, in the language they wrote them in.
    note = models.TextField(_("moderator's note"), blank=True)
    may_appeal = models.BooleanField(default=False)
    # The screening rules that held it (their codes), for a hold's notice.
    holds = models.JSONField(default=list, blank=True)
    # Only notices written before events were stored (migration 0005) have words here.
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event or 'notice'} for {self.user_id}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The moderation log is append-only.")

    def delete(self):
        raise PermissionError("The moderation log is append-only.")


class ModerationAction(models.Model):
    """One entry of the append-only moderation log: who did what to which item, and why."""

    class Action(models.TextChoices):
        HOLD = "hold", _("held by screening")
        AUTO_HIDE = "auto_hide", _("hidden after reports")
        APPROVE = "approve", _("approved")
        HIDE = "hide", _("hidden")
        REMOVE = "remove", _("removed")
        RESTORE = "restore", _("restored")
        DISMISS = "dismiss", _("reports dismissed")
        APPEAL = "appeal", _("appealed")
        APPEAL_UPHELD = "appeal_upheld", _("appeal upheld")
        APPEAL_REJECTED = "appeal_rejected", _("appeal rejected")
        WARN = "warn", _("account warned")
        SUSPEND = "suspend", _("account suspended")
        BAN = "ban", _("account banned")
        LIFT = "lift", _("sanction lifted")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        help_text=_("Empty for the screening rules and the report threshold."),
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    item = models.ForeignKey(
        ModeratedItem, on_delete=models.PROTECT, null=True, related_name="actions"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    scope = models.CharField(max_length=100, blank=True)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # These Python guards fail early with a clear error; the database refuses UPDATE and DELETE
    # too, whatever the path (triggers of migration 0003).
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at"], name="moderation_action_time")]

    def __str__(self) -> str:
        return f"{self.action} {self.item_id or self.target_user_id}"

    def save(self, *args, **kwargs) -> None:
        # Rows are written once; an edit would rewrite history.
        if not self._state.adding:
            raise PermissionError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The moderation log is append-only.")


class Contribution(models.Model):
    """One position, reply or revision an account wrote, as the rate limits count it.

    Written by `check_can_contribute` in the writer's own transaction, so a submission that
    fails leaves none; never changed afterwards. Reports and moderators' reviews, which also
    track the author's content, write none: they are not the author's doing.
    """

    class Kind(models.TextChoices):
        NEW = "new", _("new contribution")
        REVISION = "revision", _("revision")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["user", "created_at"], name="contribution_recent")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id}"
