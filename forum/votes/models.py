"""Votes on positions and the opinion map computed from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.consultations.models import Topic
from forum.positions.models import Position


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass")


class Vote(models.Model):
    """A citizen's agree, disagree or pass on someone else's position; the latest one counts."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    value = models.SmallIntegerField(_("vote"), choices=VoteValue.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["position", "voter"], name="vote_once_per_position"),
            models.CheckConstraint(
                condition=models.Q(value__in=VoteValue.values), name="vote_value_valid"
            ),
        ]
        indexes = [models.Index(fields=["voter", "position"], name="vote_voter")]

    def __str__(self) -> str:
        return f"{self.voter_id} {self.value:+d} {self.position_id}"


class OpinionSnapshot(models.Model):
    """The latest opinion map of a topic, computed in the background; pages only read it."""

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="opinion_map")
    computed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20)
    n_votes = models.PositiveIntegerField(default=0)
    n_participants = models.PositiveIntegerField(default=0)
    n_participants_in_map = models.PositiveIntegerField(default=0)
    # Points, groups with their representative positions, consensus; see services.
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")

    def __str__(self) -> str:
        return f"{self.topic_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


if TYPE_CHECKING:
    pass
