"""Summaries of a topic or a consultation: versions, immutable once published, and citations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.consultations.models import Consultation, Topic
from forum.content_language import detect_lang
from forum.positions.models import Position


class Summary(models.Model):
    """What moderators publish when a topic closes: versions, each immutable once published."""

    # A summary covers one topic, or a whole consultation: exactly one of the two.
    topic = models.OneToOneField(
        Topic, on_delete=models.CASCADE, related_name="summary", null=True, blank=True
    )
    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="summary", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        permissions = [("publish_summary", _("Can write and publish consultation summaries"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, consultation__isnull=True)
                | models.Q(topic__isnull=True, consultation__isnull=False),
                name="summary_of_a_topic_or_a_consultation",
            ),
        ]

    def __str__(self) -> str:
        return str(self.topic or self.consultation)

    def get_absolute_url(self) -> str:
        if self.topic_id:
            return reverse(
                "forum:summary",
                kwargs={
                    "consultation_slug": self.topic.consultation.slug,
                    "topic_slug": self.topic.slug,
                },
            )
        return reverse("forum:consultation_summary", kwargs={"slug": self.consultation.slug})


class SummaryVersion(models.Model):
    """One version of a summary. A draft is edited; a published version never changes, and a
    correction is a new version with a change note."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(
        _("summary (Markdown)"),
        max_length=50_000,
        blank=True,
        validators=[MaxLengthValidator(50_000), ProhibitNullCharactersValidator()],
    )
    body_html = models.TextField(editable=False, blank=True)
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    # The statistics block, computed when the draft is saved and frozen when it is published.
    stats = models.JSONField(default=dict, editable=False)
    publish_anyway_reason = models.CharField(max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("summary version")
        verbose_name_plural = _("summary versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["summary", "number"], name="summary_version_number"),
            # One draft at a time per summary: two moderators drafting at once share it.
            models.UniqueConstraint(
                fields=["summary"],
                condition=models.Q(status="draft"),
                name="summary_one_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="summary_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.summary} v{self.number}"

    @property
    def lang(self) -> str:
        """The language the moderators wrote this version in (versions are immutable, so
        it is read from the text rather than stored)."""
        return detect_lang(self.body)


class Citation(models.Model):
    """A position cited by a summary version, with its reference number there."""

    version = models.ForeignKey(SummaryVersion, on_delete=models.CASCADE, related_name="citations")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="citations")
    number = models.PositiveIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="citation_once"),
            models.UniqueConstraint(fields=["version", "number"], name="citation_number"),
        ]

    def __str__(self) -> str:
        return f"[{self.number}] {self.position_id}"


if TYPE_CHECKING:
    pass
