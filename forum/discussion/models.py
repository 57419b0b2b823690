"""Replies under a position (django-comments-xtd's threaded comment) and who follows them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments.managers import CommentManager
from django_comments_xtd.models import (
    XtdComment,
    XtdCommentManager,
)

from forum.positions.models import Position
from forum.visibility import ReplyQuerySet
from moderation.models import ModerationStatus, Reason

REPLY_MAX_LENGTH = 10_000


class Leaning(models.TextChoices):
    """Where a reply stands toward the position it answers, told in words, not colour."""

    IN_FAVOUR = "in_favour", _("In favour")
    AGAINST = "against", _("Against")
    NEUTRAL = "neutral", _("Neutral")


# An answer to a reply leans toward that reply, not toward the position: the same three
# values, told in these words (a reply's level says which it is: 0 answers the position).
ANSWER_LEANING_LABELS = {
    Leaning.IN_FAVOUR: _("Agrees with the reply"),
    Leaning.AGAINST: _("Disagrees with the reply"),
    Leaning.NEUTRAL: _("Neutral toward the reply"),
}


class Reply(XtdComment):
    """A reply in a position's discussion: django-comments-xtd's threaded comment, plus the
    replier's leaning and the Markdown rendered once when it was posted."""

    leaning = models.CharField(
        _("leaning"), max_length=10, choices=Leaning.choices, default=Leaning.NEUTRAL
    )
    comment_html = models.TextField(editable=False, default="")
    # The language it is written in ("ko", "en", or "" when unknown), set when it is posted.
    lang = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    # Written only through moderation (apply_moderation), which keeps the library's
    # is_public / is_removed in step.
    moderation_status = models.CharField(
        max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.VISIBLE
    )
    moderation_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    # Set when its author deleted their account and asked for their words to go too.
    erased_at = models.DateTimeField(
        _("erased by its author"), null=True, blank=True, editable=False
    )

    # Managers of a concrete parent are not inherited; the library calls both by name.
    objects = XtdCommentManager.from_queryset(ReplyQuerySet)()
    norel_objects = CommentManager.from_queryset(ReplyQuerySet)()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leaning__in=Leaning.values), name="reply_leaning_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_name}: {self.comment[:50]}"

    def get_absolute_url(self) -> str:
        return reverse("forum:reply", kwargs={"pk": self.pk})

    @property
    def answers_a_reply(self) -> bool:
        return self.level > 0

    @property
    def leaning_label(self) -> str:
        """The leaning in words: toward the position, or toward the reply this one answers."""
        if self.answers_a_reply:
            return str(ANSWER_LEANING_LABELS[self.leaning])
        return self.get_leaning_display()

    # The interface moderation knows content by (moderation/registry.py).

    @classmethod
    def moderation_queryset(cls) -> models.QuerySet[Reply]:
        return cls.norel_objects.select_related("user")

    @property
    def moderation_author(self) -> User | None:
        return self.user

    @property
    def moderation_scope(self) -> str:
        return self.content_object.topic.consultation.slug

    def moderation_excerpt(self) -> str:
        return self.comment[:120]

    def apply_moderation(self, *, status: str, reason: str) -> list[str]:
        self.moderation_status = status
        self.moderation_reason = reason
        self.is_public = status == ModerationStatus.VISIBLE
        self.is_removed = status == ModerationStatus.REMOVED
        return ["moderation_status", "moderation_reason", "is_public", "is_removed"]


class DiscussionFollow(models.Model):
    """A citizen asked to be e-mailed about new replies under a position."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("discussion follow")
        verbose_name_plural = _("discussion follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "position"], name="follow_once_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.position_id}"


if TYPE_CHECKING:
    from forum.models import User
