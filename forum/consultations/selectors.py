"""Reads for the home, consultation and topic pages."""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Mod

from forum.charts import STANCE_COLOURS
from forum.models import (
    Consultation,
    Phase,
    Position,
    Stance,
    SummaryVersion,
    Topic,
    User,
    Vote,
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


def count_of(queryset: QuerySet) -> Coalesce:
    """The number of rows of a correlated queryset, as a subquery inside the outer one."""
    # COUNT as a plain function, not an aggregate: Django adds no GROUP BY, so the subquery
    # is one row, the count of every row the queryset matches.
    counted = queryset.order_by().annotate(
        n=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    counted = counted.values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def stance_colour(stance_field: str = "stance") -> Mod:
    """The colour index of a row's stance, as the topic page's stance bar gives it (its place
    among its topic's stances, in order, modulo the palette): the same tag on every page."""
    stance = OuterRef(stance_field)
    earlier = Stance.objects.filter(topic=OuterRef(f"{stance_field}__topic")).filter(
        Q(order__lt=OuterRef(f"{stance_field}__order"))
        | Q(order=OuterRef(f"{stance_field}__order"), pk__lt=stance)
    )
    return Mod(count_of(earlier), Value(STANCE_COLOURS), output_field=IntegerField())


def _public_positions_of(consultation_ref: OuterRef) -> QuerySet[Position]:
    # forum.visibility's public rule: held, hidden and removed positions are never counted.
    return Position.objects.public().filter(topic__consultation=consultation_ref)


def _has_published_summary() -> Exists:
    return Exists(
        SummaryVersion.objects.filter(
            summary__consultation=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
        )
    )


def _topics_with_counts() -> QuerySet[Topic]:
    """Each topic with its published positions, the votes on them, and a published summary."""
    positions = Position.objects.public().filter(topic=OuterRef("pk"))
    positions_of_votes = Position.objects.public().filter(topic=OuterRef(OuterRef("pk")))
    return Topic.objects.annotate(
        position_count=count_of(positions),
        vote_count=count_of(Vote.objects.filter(position__in=positions_of_votes)),
        has_summary=Exists(
            SummaryVersion.objects.filter(
                summary__topic=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
            )
        ),
    )


def consultations_public() -> QuerySet[Consultation]:
    """Consultations a visitor may see, open ones first, each with its number of topics and
    what the public may count of it: participants (who posted or voted on a published
    position), published positions and votes on them. One query, whatever their number."""
    # An OuterRef counts the levels it climbs: a queryset inside `__in` is one level deeper.
    positions = _public_positions_of(OuterRef("pk"))
    votes = Vote.objects.filter(position__in=_public_positions_of(OuterRef(OuterRef("pk"))))
    participants = User.objects.filter(
        Q(Exists(_public_positions_of(OuterRef(OuterRef("pk"))).filter(author=OuterRef("pk"))))
        | Q(
            Exists(
                Vote.objects.filter(
                    voter=OuterRef("pk"),
                    position__in=_public_positions_of(OuterRef(OuterRef(OuterRef("pk")))),
                )
            )
        )
    )
    return (
        Consultation.objects.exclude(phase=Phase.DRAFT)
        .annotate(
            topic_count=count_of(Topic.objects.filter(consultation=OuterRef("pk"))),
            position_count=count_of(positions),
            vote_count=count_of(votes),
            participant_count=count_of(participants),
            has_summary=_has_published_summary(),
            # Without a summary of the whole, "Read the summary" opens its first topic's.
            summarised_topic_slug=Subquery(
                SummaryVersion.objects.filter(
                    summary__topic__consultation=OuterRef("pk"),
                    status=SummaryVersion.Status.PUBLISHED,
                )
                .order_by("summary__topic__order", "summary__topic__id")
                .values("summary__topic__slug")[:1]
            ),
        )
        .order_by(_OPEN_FIRST, "-created_at", "-id")
    )


def consultation_for_page(*, slug: str, user: AnyUser) -> Consultation | None:
    """The consultation with its topics and sources, or None when this user may not see it."""
    consultation = (
        Consultation.objects.filter(slug=slug)
        .annotate(has_summary=_has_published_summary())
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=_topics_with_counts(),
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
