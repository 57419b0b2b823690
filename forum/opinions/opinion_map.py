"""`compute_opinion_map`: from votes to opinion groups, the way Pol.is does it.

1. Votes form a participants × positions sparse matrix (agree 1, disagree -1, pass 0), rows and
   columns in id order; a participant's later vote on a position replaces the earlier one.
2. Participants with at least min(7, positions) votes (passes count) are on the map.
3. Principal components of the matrix with each missing vote imputed by its position's mean,
   from everyone's votes (as Pol.is does); positions hidden by moderators are zeroed for
   everyone: they move no one, but remain positions (and, as in Pol.is, a 0 vote by everyone)
   in the √(positions ÷ votes) scaling of each participant's point.
4. k-means groups, k from 2 to 5 (see `forum.opinions.grouping` for the rule).
5. Representative positions per group, consensus and bridging scores
   (see `forum.opinions.representativeness`).

The result depends on the votes only: not on the order of participants or votes (beyond the
latest-vote rule), nor on the run; `previous` can only rename groups.

Not reproduced from Pol.is, because they depend on the conversation's history or on row order:
k-means seeded from the previous update (and from the first rows), the k "smoother" that waits
for the same k to win several updates, participants staying on the map once they were on it,
and topping the map up to 15 participants with the most active voters. Pol.is also clusters
participants into 100 "base clusters" first; here k-means runs on the participants themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
from threadpoolctl import threadpool_limits

from forum.opinions.grouping import group_points, previous_labels_for
from forum.opinions.projection import centred_votes, has_variation, principal_axes, project
from forum.opinions.representativeness import (
    consensus,
    count_group_votes,
    representative_positions,
)
from forum.opinions.results import (
    Group,
    MapStatus,
    OpinionMap,
    ParticipantId,
    PositionId,
)
from forum.opinions.vote_matrix import build_vote_matrix, id_array

# Pol.is's in-conversation rule: at least this many votes, or all positions if there are fewer.
MIN_VOTES_TO_BE_MAPPED = 7
# Fewer mapped participants than this cannot make two groups worth showing.
MIN_PARTICIPANTS_FOR_GROUPS = 4


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def compute_opinion_map(
    votes: Iterable[tuple[ParticipantId, PositionId, int]],
    *,
    position_ids: Iterable[PositionId] | None = None,
    zeroed_positions: Collection[PositionId] = (),
    previous: OpinionMap | None = None,
) -> OpinionMap:
    """The opinion map of `votes`: (participant id, position id, value) triples in time order.

    Values are 1 (agree), -1 (disagree) or 0 (pass); anything else raises ValueError. When the
    same participant voted on the same position more than once, the latest vote (the last in
    `votes`) wins. Ids are ints or strings. `position_ids` may list positions nobody voted on
    yet (they count as positions); `zeroed_positions` are positions hidden or removed by
    moderators. `previous`, an earlier map of the same conversation, keeps group labels stable.
    """
    participants: list[ParticipantId] = []
    positions: list[PositionId] = []
    values: list[object] = []
    for participant, position, value in votes:
        participants.append(participant)
        positions.append(position)
        values.append(value)
    return compute_opinion_map_arrays(
        id_array(participants, what="participant"),
        id_array(positions, what="position"),
        values,
        position_ids=None if position_ids is None else list(position_ids),
        zeroed_positions=zeroed_positions,
        previous=previous,
    )


def compute_opinion_map_arrays(
    participant_of_vote: np.ndarray,
    position_of_vote: np.ndarray,
    values: np.ndarray,
    *,
    position_ids: Iterable[PositionId] | None = None,
    zeroed_positions: Collection[PositionId] = (),
    previous: OpinionMap | None = None,
) -> OpinionMap:
    """`compute_opinion_map` for votes given as three parallel arrays (in time order), so that
    millions of votes need not pass through Python tuples. Id arrays may be of any integer or
    string dtype."""
    # One thread for OpenMP (k-means) and BLAS: the work here is many short steps, and spinning
    # thread teams made it up to 15 times slower whenever the other core was busy (measured on
    # a 2-core machine); single-threaded it is as fast when idle and steady under load.
    with threadpool_limits(limits=1):
        return _compute(
            participant_of_vote,
            position_of_vote,
            values,
            position_ids=position_ids,
            zeroed_positions=zeroed_positions,
            previous=previous,
        )


def _compute(
    participant_of_vote: np.ndarray,
    position_of_vote: np.ndarray,
    values: np.ndarray,
    *,
    position_ids: Iterable[PositionId] | None,
    zeroed_positions: Collection[PositionId],
    previous: OpinionMap | None,
) -> OpinionMap:
    matrix = build_vote_matrix(
        participant_of_vote,
        position_of_vote,
        values,
        position_ids=None if position_ids is None else list(position_ids),
    )
    n_rows, n_columns = matrix.matrix.shape
    zeroed = _zeroed_columns(matrix.position_ids, zeroed_positions)
    summary = {
        "n_votes": matrix.n_votes,
        "n_participants": n_rows,
        "n_positions": n_columns,
        "n_zeroed_positions": int(zeroed.sum()),
    }
    if matrix.n_votes == 0:
        return OpinionMap(status=MapStatus.NOT_ENOUGH_VOTES, **summary)

    votes_per_row = matrix.votes_per_participant()
    mapped_rows = np.flatnonzero(votes_per_row >= min(MIN_VOTES_TO_BE_MAPPED, n_columns))
    if mapped_rows.size < MIN_PARTICIPANTS_FOR_GROUPS:
        return OpinionMap(
            status=MapStatus.NOT_ENOUGH_VOTES,
            n_participants_in_map=int(mapped_rows.size),
            **summary,
        )

    centred = centred_votes(matrix.matrix, zeroed_columns=zeroed)
    if not has_variation(centred):
        return OpinionMap(
            status=MapStatus.NO_VARIATION, n_participants_in_map=int(mapped_rows.size), **summary
        )
    axes = principal_axes(centred)
    row_of_vote = matrix.row_of_each_vote()
    counted_votes = np.bincount(
        row_of_vote[~zeroed[matrix.matrix.indices]], minlength=n_rows
    ) + int(zeroed.sum())
    points = project(centred, axes, votes_per_row=counted_votes)[mapped_rows]
    del centred

    mapped_ids: list[ParticipantId] = matrix.participant_ids[mapped_rows].tolist()
    previous_labels = None
    if previous is not None and previous.ok:
        previous_labels = previous_labels_for(mapped_ids, previous.label_of())
    grouping = group_points(points, previous_labels=previous_labels)
    if grouping is None:
        return OpinionMap(
            status=MapStatus.NO_VARIATION, n_participants_in_map=int(mapped_rows.size), **summary
        )

    group_of_row = np.full(n_rows, -1, dtype=np.int64)
    group_of_row[mapped_rows] = grouping.labels
    counts = count_group_votes(
        group_of_vote=group_of_row[row_of_vote],
        position_of_vote=matrix.matrix.indices,
        values=matrix.matrix.data,
        k=grouping.k,
        m=n_columns,
    )
    position_list: list[PositionId] = matrix.position_ids.tolist()
    representative = representative_positions(counts, position_ids=position_list, excluded=zeroed)
    agreed, bridging = consensus(counts, position_ids=position_list, excluded=zeroed)

    groups = []
    for label in range(grouping.k):
        members = np.flatnonzero(grouping.labels == label)
        centre = points[members].mean(axis=0)
        groups.append(
            Group(
                label=label,
                size=int(members.size),
                member_ids=tuple(mapped_ids[i] for i in members),
                centre=(float(centre[0]), float(centre[1])),
                representative=representative[label],
            )
        )
    return OpinionMap(
        status=MapStatus.OK,
        participant_ids=tuple(mapped_ids),
        xy=_frozen(points),
        labels=_frozen(grouping.labels),
        groups=tuple(groups),
        consensus=agreed,
        bridging=bridging,
        k=grouping.k,
        explained_variance=axes.explained_variance,
        silhouettes=grouping.silhouettes,
        n_participants_in_map=int(mapped_rows.size),
        **summary,
    )


def _zeroed_columns(
    position_ids: np.ndarray, zeroed_positions: Collection[PositionId]
) -> np.ndarray:
    """A mask over the matrix's columns; zeroed ids that are not positions are ignored."""
    if len(zeroed_positions) == 0 or position_ids.size == 0:
        return np.zeros(position_ids.size, dtype=bool)
    wanted = set(zeroed_positions)
    return np.fromiter(
        (position in wanted for position in position_ids.tolist()),
        dtype=bool,
        count=position_ids.size,
    )
