"""Before a contribution is written: sanctions, rate limits and the screening rules."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from moderation import screening
from moderation.models import (
    Contribution,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
)
from moderation.permissions import (
    check_not_sanctioned,
)

Action = ModerationAction.Action


class RateLimited(Exception):
    """Too many contributions too fast; nothing was written. Answered with a 429 page."""

    def __init__(self, retry_at: datetime.datetime) -> None:
        super().__init__(retry_at.isoformat())
        self.retry_at = retry_at

    @property
    def wait_seconds(self) -> int:
        """For the Retry-After header: whole seconds, at least one."""
        return max(1, int((self.retry_at - timezone.now()).total_seconds()) + 1)

    @property
    def retry_shown(self) -> datetime.datetime:
        """The time pages tell: the next whole minute, so that "after 14:06" is never early."""
        rounded = self.retry_at.replace(second=0, microsecond=0)
        return rounded if rounded == self.retry_at else rounded + datetime.timedelta(minutes=1)


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
