"""What the forum keeps about an account's data rights: its personal data downloads."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a prepared download may be fetched; the privacy page says the same.
DATA_EXPORT_DAYS = 7


def data_export_token() -> str:
    return secrets.token_urlsafe(24)


class DataExport(models.Model):
    """One download of everything the forum holds about an account, built by a task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # Written by the task as it goes, 0 to 100, for the progress page.
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # The stored file's name: random, so that knowing one account's id tells nothing; it is
    # served only through the owner's download view, never from a public address.
    token = models.CharField(max_length=64, unique=True, default=data_export_token, editable=False)
    file_name = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal data download")
        verbose_name_plural = _("personal data downloads")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One download in preparation per account: two clicks, or two tabs, make one.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["queued", "running"]),
                name="data_export_one_unfinished_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="data_export_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "ready", "failed"]),
                name="data_export_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"data export {self.pk} ({self.status})"

    @property
    def is_unfinished(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_available(self) -> bool:
        return (
            self.status == self.Status.READY
            and bool(self.file_name)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
