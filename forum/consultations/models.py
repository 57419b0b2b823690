"""Consultations, their topics, the stances a topic offers, and reading material."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.content_language import detect_lang


class Phase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    SUMMARISED = "summarised", _("Summarised")


# Phases move forward; a closed consultation may be reopened until it is summarised.
PHASE_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.DRAFT: frozenset({Phase.OPEN}),
    Phase.OPEN: frozenset({Phase.CLOSED}),
    Phase.CLOSED: frozenset({Phase.OPEN, Phase.SUMMARISED}),
    Phase.SUMMARISED: frozenset(),
}


class Consultation(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    framing = models.TextField(_("framing (Markdown)"), blank=True)
    framing_html = models.TextField(editable=False, blank=True)
    background = models.TextField(_("background (Markdown)"), blank=True)
    background_html = models.TextField(editable=False, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase, default=Phase.DRAFT)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    premoderation = models.BooleanField(
        _("review everything before it appears"),
        default=False,
        help_text=_("Every new or edited position and reply waits for a moderator."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        permissions = [("view_draft_consultation", _("Can see draft consultations"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="consultation_phase_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:consultation", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.phase != Phase.DRAFT

    @property
    def accepts_positions(self) -> bool:
        return self.phase == Phase.OPEN


class Topic(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="topics",
        verbose_name=_("consultation"),
    )
    slug = models.SlugField(_("slug"), max_length=80)
    question = models.CharField(_("question"), max_length=300)
    context = models.TextField(_("context (Markdown)"), blank=True)
    context_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "slug"], name="topic_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse(
            "forum:topic",
            kwargs={"consultation_slug": self.consultation.slug, "topic_slug": self.slug},
        )


class Stance(models.Model):
    """One of the answers a topic offers; every position takes exactly one."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="stances", verbose_name=_("topic")
    )
    key = models.SlugField(_("key"), max_length=40, help_text=_("Used in filter links."))
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("stance")
        verbose_name_plural = _("stances")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "key"], name="stance_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Source(models.Model):
    """Reading material cited by a consultation's background or a topic's context."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consultation__isnull=False, topic__isnull=True)
                | models.Q(consultation__isnull=True, topic__isnull=False),
                name="source_belongs_to_one_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lang(self) -> str:
        """The language of the work's title (a source is cited in its own language)."""
        return detect_lang(self.title)
