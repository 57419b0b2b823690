"""Positions, citizens' argued answers to a topic, and every revision of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.consultations.models import Stance, Topic
from forum.validators import SingleLineValidator
from forum.visibility import PositionQuerySet
from moderation.models import ModerationStatus, Reason

CLAIM_MAX_LENGTH = 200


BODY_MAX_LENGTH = 20_000


class Position(models.Model):
    """A citizen's current argued answer to a topic; earlier versions live in revisions."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="positions", verbose_name=_("topic")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("author"),
    )
    stance = models.ForeignKey(
        Stance, on_delete=models.PROTECT, related_name="positions", verbose_name=_("stance")
    )
    claim = models.CharField(
        _("claim"),
        max_length=CLAIM_MAX_LENGTH,
        validators=[SingleLineValidator(), ProhibitNullCharactersValidator()],
        help_text=_("Your answer in one line."),
    )
    body = models.TextField(
        _("argument (Markdown)"),
        max_length=BODY_MAX_LENGTH,
        # TextField's max_length shapes the form only; the model must refuse too.
        validators=[MaxLengthValidator(BODY_MAX_LENGTH), ProhibitNullCharactersValidator()],
        help_text=_("Why you hold this position. Markdown: **bold**, *italic*, lists, links."),
    )
    body_html = models.TextField(editable=False)
    # The language it is written in ("ko", "en", or "" when unknown), set by the services.
    lang = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, editable=False)
    revised_at = models.DateTimeField(_("last revised"), null=True, blank=True, editable=False)
    # Written only through moderation (apply_moderation), never by the forum's own services.
    moderation_status = models.CharField(
        max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.VISIBLE
    )
    moderation_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    # Agreement across opinion groups, copied from the topic's latest opinion map.
    bridging_score = models.FloatField(_("bridging"), null=True, blank=True, editable=False)
    # Set when its author deleted their account and asked for their words to go too
    # (forum/accounts/deletion.py): claim and body then hold only ERASED_TEXT, and pages say
    # so in the reader's language.
    erased_at = models.DateTimeField(
        _("erased by its author"), null=True, blank=True, editable=False
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "author"], name="position_one_per_author_per_topic"
            ),
            models.CheckConstraint(condition=~models.Q(claim=""), name="position_claim_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="position_body_max_length",
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "-created_at"], name="position_topic_newest"),
            models.Index(fields=["topic", "stance", "-created_at"], name="position_topic_stance"),
        ]

    def __str__(self) -> str:
        return self.claim

    def get_absolute_url(self) -> str:
        return reverse(
            "forum:position",
            kwargs={
                "consultation_slug": self.topic.consultation.slug,
                "topic_slug": self.topic.slug,
                "pk": self.pk,
            },
        )

    @property
    def discussion_open(self) -> bool:
        """The comment moderator's `enable_field`: replies are taken while the topic is open."""
        return self.topic.consultation.accepts_positions

    # The interface moderation knows content by (moderation/registry.py).

    @classmethod
    def moderation_queryset(cls) -> models.QuerySet[Position]:
        return cls.objects.select_related("author", "topic__consultation")

    @property
    def moderation_author(self) -> User:
        return self.author

    @property
    def moderation_scope(self) -> str:
        return self.topic.consultation.slug

    def moderation_excerpt(self) -> str:
        return self.claim[:120]

    def apply_moderation(self, *, status: str, reason: str) -> list[str]:
        self.moderation_status = status
        self.moderation_reason = reason
        return ["moderation_status", "moderation_reason"]

    @property
    def is_published(self) -> bool:
        return self.moderation_status == ModerationStatus.VISIBLE


class PositionRevision(models.Model):
    """One version of a position as its author wrote it; number 1 is the original."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    stance = models.ForeignKey(Stance, on_delete=models.PROTECT, related_name="+")
    claim = models.CharField(_("claim"), max_length=CLAIM_MAX_LENGTH)
    body = models.TextField(_("argument (Markdown)"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    lang = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("position revision")
        verbose_name_plural = _("position revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["position", "number"], name="revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} #{self.number}"


if TYPE_CHECKING:
    from forum.models import User
