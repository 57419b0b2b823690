"""The read API's querysets: every one reads through forum/visibility.py.

The API is a publication channel: it never shows anything of a draft consultation, not even
to the staff who may see drafts on the pages (common decision of issue 12). Within public
consultations a signed-in session reads what `readable_by` gives it (its own held position,
everything for a moderator), exactly as on the pages; anonymous clients read the public.
"""

from __future__ import annotations

from django.db.models import (
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast

from forum.consultations.selectors import consultations_public, count_of
from forum.discussion.selectors import replies_on_positions
from forum.models import (
    Citation,
    Consultation,
    OpinionSnapshot,
    Phase,
    Position,
    Reply,
    Stance,
    SummaryVersion,
    Topic,
    Vote,
)
from forum.permissions import AnyUser
from forum.positions.selectors import reply_count_of_position
from forum.votes.selectors import with_votes

PUBLIC_CONSULTATIONS = {"consultation__phase__in": [p for p in Phase.values if p != Phase.DRAFT]}


def api_consultations() -> QuerySet[Consultation]:
    return consultations_public()


def api_topics() -> QuerySet[Topic]:
    """Topics of public consultations with their stances and what the public may count."""
    positions = Position.objects.public().filter(topic=OuterRef("pk"))
    positions_of_votes = Position.objects.public().filter(topic=OuterRef(OuterRef("pk")))
    return (
        Topic.objects.filter(**PUBLIC_CONSULTATIONS)
        .select_related("consultation")
        .annotate(
            position_count=count_of(positions),
            vote_count=count_of(Vote.objects.filter(position__in=positions_of_votes)),
            has_summary=Exists(
                SummaryVersion.objects.filter(
                    summary__topic=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
                )
            ),
        )
        .prefetch_related(
            Prefetch(
                "stances",
                queryset=Stance.objects.annotate(
                    position_count=count_of(Position.objects.public().filter(stance=OuterRef("pk")))
                ).order_by("order", "id"),
            )
        )
    )


def _positions(queryset: QuerySet[Position]) -> QuerySet[Position]:
    queryset = queryset.filter(**{f"topic__{k}": v for k, v in PUBLIC_CONSULTATIONS.items()})
    return with_votes(
        queryset.select_related("author", "stance", "topic__consultation").annotate(
            reply_count=reply_count_of_position()
        ),
        None,
    )


def api_positions(user: AnyUser) -> QuerySet[Position]:
    """Positions this person may read; lists leave out every other one."""
    return _positions(Position.objects.readable_by(user))


def api_position_known(user: AnyUser) -> QuerySet[Position]:
    """Positions this person may know of: a detail answers a placeholder for hidden and
    removed ones (their text never), a 404 for held ones and drafts."""
    return _positions(Position.objects.visible_to(user))


def _in_public_consultations(replies: QuerySet[Reply]) -> QuerySet[Reply]:
    public = Position.objects.filter(
        **{f"topic__{k}": v for k, v in PUBLIC_CONSULTATIONS.items()}
    ).annotate(pk_text=Cast("pk", output_field=CharField()))
    return replies.filter(Exists(public.filter(pk_text=OuterRef("object_pk"))))


def api_replies(user: AnyUser) -> QuerySet[Reply]:
    """Replies this person may read, under positions they may know of."""
    return _in_public_consultations(replies_on_positions().readable_by(user)).select_related("user")


def position_keys(positions: QuerySet[Position]) -> QuerySet:
    """These positions' ids as text, the replies' `object_pk`, for `object_pk__in`."""
    return positions.annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")


def api_summary_versions(user: AnyUser) -> QuerySet[SummaryVersion]:
    """Published versions only, of public consultations; drafts never exist here. Citations
    name positions this person may know of (a hidden one's page shows its placeholder)."""
    topic_public = Q(**{f"summary__topic__{k}": v for k, v in PUBLIC_CONSULTATIONS.items()})
    whole_public = Q(**{f"summary__{k}": v for k, v in PUBLIC_CONSULTATIONS.items()})
    public = SummaryVersion.objects.filter(status=SummaryVersion.Status.PUBLISHED).filter(
        topic_public | whole_public
    )
    return public.select_related(
        "summary__topic__consultation", "summary__consultation"
    ).prefetch_related(
        Prefetch(
            "citations",
            queryset=Citation.objects.filter(
                position__in=Position.objects.visible_to(user)
            ).select_related("position__topic__consultation"),
        )
    )


def api_opinion_maps() -> QuerySet[OpinionSnapshot]:
    return OpinionSnapshot.objects.filter(
        **{f"topic__{k}": v for k, v in PUBLIC_CONSULTATIONS.items()}
    ).select_related("topic__consultation")


def public_position_ids(ids: set[int]) -> set[int]:
    """Which of these positions anyone may read: an opinion map names only those."""
    if not ids:
        return set()
    return set(Position.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
