"""Reads of votes and the opinion map."""

from __future__ import annotations

from django.db.models import (
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
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


def tallies_attach(positions: list[Position], *, viewer: AnyUser) -> None:
    """Each position's agree, disagree and pass counts and the viewer's own vote, in one
    grouped query (cheaper to build than a correlated subquery per figure)."""
    rows = {
        row["position_id"]: row
        for row in Vote.objects.filter(position_id__in=[position.pk for position in positions])
        .order_by()
        .values("position_id")
        .annotate(
            agree=Count("pk", filter=Q(value=VoteValue.AGREE)),
            disagree=Count("pk", filter=Q(value=VoteValue.DISAGREE)),
            passed=Count("pk", filter=Q(value=VoteValue.PASS)),
            # One vote per voter and position: the "largest" of the viewer's is theirs.
            mine=Max("value", filter=Q(voter_id=viewer.pk))
            if viewer.is_authenticated
            else Value(None, output_field=IntegerField()),
        )
    }
    for position in positions:
        row = rows.get(position.pk, {})
        position.agree_count = row.get("agree", 0)
        position.disagree_count = row.get("disagree", 0)
        position.pass_count = row.get("passed", 0)
        position.my_vote = row.get("mine")


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
    tallies_attach([position], viewer=user)
    return {
        "agree": position.agree_count,
        "disagree": position.disagree_count,
        "pass": position.pass_count,
        "mine": position.my_vote,
    }
