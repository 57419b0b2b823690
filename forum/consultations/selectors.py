"""Reads for the home, consultation and topic pages."""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    When,
)

from forum.models import (
    Consultation,
    Phase,
    Stance,
    SummaryVersion,
    Topic,
)
from forum.permissions import AnyUser
from forum.visibility import can_view_consultation, published_q

# Open consultations first, then closed, then summarised.
_OPEN_FIRST = Case(
    When(phase=Phase.OPEN, then=Value(0)),
    When(phase=Phase.CLOSED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _published_count() -> Count:
    # Counts and the stance bar show what everyone can read.
    return Count("positions", filter=published_q("positions__"))


def consultations_public() -> QuerySet[Consultation]:
    """Consultations a visitor may see, open ones first, each with its number of topics."""
    return (
        Consultation.objects.exclude(phase=Phase.DRAFT)
        .annotate(topic_count=Count("topics"))
        .order_by(_OPEN_FIRST, "-created_at", "-id")
    )


def consultation_for_page(*, slug: str, user: AnyUser) -> Consultation | None:
    """The consultation with its topics and sources, or None when this user may not see it."""
    consultation = (
        Consultation.objects.filter(slug=slug)
        .annotate(
            has_summary=Exists(
                SummaryVersion.objects.filter(
                    summary__consultation=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
                )
            )
        )
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.annotate(position_count=_published_count()),
            ),
            "sources",
        )
        .first()
    )
    if consultation is None or not can_view_consultation(user, consultation):
        return None
    return consultation


def topic_by_slugs(*, consultation_slug: str, topic_slug: str) -> Topic | None:
    """The topic with its consultation, stances (with position counts) and sources."""
    return (
        Topic.objects.filter(consultation__slug=consultation_slug, slug=topic_slug)
        .select_related("consultation")
        .annotate(
            has_summary=Exists(
                SummaryVersion.objects.filter(
                    summary__topic=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
                )
            )
        )
        .prefetch_related(
            Prefetch(
                "stances",
                queryset=Stance.objects.annotate(position_count=_published_count()),
            ),
            "sources",
        )
        .first()
    )


def topic_for_page(*, consultation_slug: str, topic_slug: str, user: AnyUser) -> Topic | None:
    """`topic_by_slugs`, or None when this user may not see the topic's consultation."""
    topic = topic_by_slugs(consultation_slug=consultation_slug, topic_slug=topic_slug)
    if topic is None or not can_view_consultation(user, topic.consultation):
        return None
    return topic
