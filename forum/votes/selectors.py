"""Reads of votes and the opinion map."""

from __future__ import annotations

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from forum.charts import STANCE_COLOURS
from forum.consultations.selectors import stance_colour
from forum.models import (
    OpinionSnapshot,
    Position,
    Topic,
    Vote,
    VoteValue,
)
from forum.permissions import AnyUser


def vote_count(value: int) -> Coalesce:
    votes = (
        Vote.objects.filter(position=OuterRef("pk"), value=value)
        .order_by()
        .values("position")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(votes, output_field=IntegerField()), Value(0))


def with_votes(positions: QuerySet[Position], viewer: AnyUser | None) -> QuerySet[Position]:
    """Vote counts and the viewer's own vote, inside the positions' own query."""
    mine = (
        Subquery(
            Vote.objects.filter(position=OuterRef("pk"), voter_id=viewer.pk).values("value")[:1],
            output_field=IntegerField(),
        )
        if viewer is not None and viewer.is_authenticated
        else Value(None, output_field=IntegerField())
    )
    return positions.annotate(
        agree_count=vote_count(VoteValue.AGREE),
        disagree_count=vote_count(VoteValue.DISAGREE),
        pass_count=vote_count(VoteValue.PASS),
        my_vote=mine,
    )


def positions_to_vote_on(*, topic: Topic, user: AnyUser, limit: int = 1) -> list[Position]:
    """The next positions this citizen has not voted on: the least voted first, as Pol.is
    does, so that the vote matrix fills where it is emptiest."""
    positions = (
        Position.objects.filter(topic=topic)
        .public()
        .exclude(author=user)
        .exclude(votes__voter=user)
        .select_related("author", "stance", "topic__consultation")
        .annotate(vote_count=Count("votes"), stance_colour=stance_colour())
        .order_by("vote_count", "created_at", "id")
    )
    return list(with_votes(positions, user)[:limit])


def remaining_votes(*, topic: Topic, user: AnyUser) -> int:
    return (
        Position.objects.filter(topic=topic)
        .public()
        .exclude(author=user)
        .exclude(votes__voter=user)
        .count()
    )


def opinion_snapshot(*, topic: Topic) -> OpinionSnapshot | None:
    return OpinionSnapshot.objects.filter(topic=topic).first()


def positions_by_id(*, topic: Topic, ids: list[int]) -> dict[int, Position]:
    """Positions of a topic named by the opinion map, published ones only."""
    return {
        p.pk: p
        for p in Position.objects.filter(topic=topic, pk__in=ids)
        .public()
        .select_related("author", "stance", "topic__consultation")
    }


def stance_colours(*, topic: Topic) -> dict[int, int]:
    """Stance id → its colour's index, in the order the stance bar gives them (from the
    stances the topic's page query prefetched: no query of its own)."""
    return {s.pk: index % STANCE_COLOURS for index, s in enumerate(topic.stances.all())}


def vote_counts(*, position: Position, user: AnyUser) -> dict:
    """A position's vote counts and this user's vote, for the answer to a vote by script."""
    counts = dict(
        Vote.objects.filter(position=position)
        .values("value")
        .annotate(n=Count("pk"))
        .values_list("value", "n")
    )
    mine = Vote.objects.filter(position=position, voter_id=user.pk).values_list("value", flat=True)
    return {
        "agree": counts.get(VoteValue.AGREE, 0),
        "disagree": counts.get(VoteValue.DISAGREE, 0),
        "pass": counts.get(VoteValue.PASS, 0),
        "mine": mine.first(),
    }
