"""The read queries that pages need, each a constant number of queries whatever the size."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When

from forum.models import Consultation, Phase, Position, PositionRevision, Stance, Topic
from forum.permissions import AnyUser, can_view_consultation

# Open consultations first, then closed, then summarised.
_OPEN_FIRST = Case(
    When(phase=Phase.OPEN, then=Value(0)),
    When(phase=Phase.CLOSED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


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
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.annotate(position_count=Count("positions")),
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
        .prefetch_related(
            Prefetch(
                "stances",
                queryset=Stance.objects.annotate(position_count=Count("positions")),
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


def topic_positions(*, topic: Topic, stance: Stance | None = None) -> QuerySet[Position]:
    """A topic's positions, newest first, with what a position card shows."""
    positions = Position.objects.filter(topic=topic).select_related(
        "author", "stance", "topic__consultation"
    )
    if stance is not None:
        positions = positions.filter(stance=stance)
    return positions.order_by("-created_at", "-id")


def position_of_author(*, topic: Topic, user: AnyUser) -> Position | None:
    if not user.is_authenticated:
        return None
    return Position.objects.filter(topic=topic, author=user).first()


def position_for_page(
    *, consultation_slug: str, topic_slug: str, pk: int, user: AnyUser
) -> Position | None:
    """The position with its topic, author, stance and every revision, newest first."""
    position = (
        Position.objects.filter(
            pk=pk, topic__slug=topic_slug, topic__consultation__slug=consultation_slug
        )
        .select_related("topic__consultation", "author", "stance")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=PositionRevision.objects.select_related("stance").order_by("-number"),
            )
        )
        .first()
    )
    if position is None or not can_view_consultation(user, position.topic.consultation):
        return None
    return position
