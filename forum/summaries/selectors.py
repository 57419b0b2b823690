"""Reads of summaries: published versions, the draft, the citation picker."""

from __future__ import annotations

from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)

from forum.models import (
    Citation,
    Consultation,
    Position,
    SummaryVersion,
    Topic,
)
from forum.permissions import AnyUser


def _summary_of(scope: Topic | Consultation) -> dict:
    if isinstance(scope, Topic):
        return {"summary__topic": scope}
    return {"summary__consultation": scope}


def summary_versions(*, scope: Topic | Consultation) -> list[SummaryVersion]:
    """A topic's (or consultation's) published summary versions, newest first, with their
    citations."""
    return list(
        SummaryVersion.objects.filter(**_summary_of(scope), status=SummaryVersion.Status.PUBLISHED)
        .select_related("published_by")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("position__topic__consultation"),
            )
        )
        .order_by("-number")
    )


def summary_draft(*, scope: Topic | Consultation) -> SummaryVersion | None:
    return (
        SummaryVersion.objects.filter(**_summary_of(scope), status=SummaryVersion.Status.DRAFT)
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("position__topic__consultation"),
            )
        )
        .first()
    )


def positions_for_citing(
    *, scope: Topic | Consultation, editor: AnyUser, query: str = ""
) -> QuerySet[Position]:
    """The picker: the positions the editor may read that match the words searched."""
    topics = [scope] if isinstance(scope, Topic) else scope.topics.all()
    positions = (
        Position.objects.filter(topic__in=topics)
        .readable_by(editor)
        .select_related("stance", "author")
    )
    for word in query.split()[:5]:
        positions = positions.filter(Q(claim__icontains=word) | Q(body__icontains=word))
    return positions.order_by("topic__order", "stance__order", "-created_at")[:50]
