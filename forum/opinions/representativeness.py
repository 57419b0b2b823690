"""What characterises each group and what bridges them, after Pol.is's repness.clj and stats.clj.

Counts per group and position: A (agrees), D (disagrees), S (seen: agrees, disagrees and passes).

Representativeness of a position for group g, in the agree direction (disagree likewise):
  pa  = (1 + A) / (2 + S) within g, with `pat` its one-proportion z-test against ½;
  ra  = pa / ((1 + A_rest) / (2 + S_rest)), where "rest" is the members of all other groups;
  rat = the two-proportion z-test of g against the rest.
A position represents g when both tests are significant at 90 % (z > 1.2816) in one direction;
representative positions are ranked by ra × rat × pa × pat, at most five per group, agrees
first. If none passes, the position with the largest rat or rdt stands in, so that every group
has something to show (Pol.is's extra "best agree" slot is not reproduced).

Consensus (Pol.is's group-aware consensus): the product over groups of (A + 1) / (S + 2), and
likewise for disagree. It shrinks with the number of groups, so the bridging score is its
geometric mean over groups, (∏ (A + 1) / (S + 2))^(1/k): the typical group's smoothed agree
rate, comparable between maps with 2 and 5 groups, and high only if no group rejects the position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forum.opinions.results import ConsensusPosition, RepresentativePosition

Z_90 = 1.2816
MAX_REPRESENTATIVE = 5


@dataclass(frozen=True, eq=False)
class GroupVoteCounts:
    agree: np.ndarray  # groups × positions
    disagree: np.ndarray
    seen: np.ndarray


def count_group_votes(
    *, group_of_vote: np.ndarray, position_of_vote: np.ndarray, values: np.ndarray, k: int, m: int
) -> GroupVoteCounts:
    """Counts per group and position; votes whose group is -1 (not on the map) are ignored."""
    counted = group_of_vote >= 0
    cell = group_of_vote[counted] * m + position_of_vote[counted]
    values = values[counted]

    def tally(selected: np.ndarray) -> np.ndarray:
        return np.bincount(cell[selected], minlength=k * m).reshape(k, m)

    return GroupVoteCounts(
        agree=tally(values == 1),
        disagree=tally(values == -1),
        seen=np.bincount(cell, minlength=k * m).reshape(k, m),
    )


def proportion_test(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Pol.is's prop-test: z of (successes + 1) / (trials + 1) against ½."""
    successes, trials = successes + 1.0, trials + 1.0
    return 2.0 * np.sqrt(trials) * (successes / trials - 0.5)


def two_proportion_test(
    successes_in: np.ndarray,
    successes_out: np.ndarray,
    trials_in: np.ndarray,
    trials_out: np.ndarray,
) -> np.ndarray:
    """Pol.is's two-prop-test (each count plus one); 0 where the pooled proportion is 1."""
    s_in, s_out = successes_in + 1.0, successes_out + 1.0
    n_in, n_out = trials_in + 1.0, trials_out + 1.0
    pooled = (s_in + s_out) / (n_in + n_out)
    variance = pooled * (1.0 - pooled) * (1.0 / n_in + 1.0 / n_out)
    difference = s_in / n_in - s_out / n_out
    return np.divide(
        difference,
        np.sqrt(np.maximum(variance, 0.0)),
        out=np.zeros_like(difference),
        where=variance > 0,
    )


@dataclass(frozen=True, eq=False)
class _DirectionStats:
    """One group's statistics for one vote direction, one entry per position."""

    n: np.ndarray
    p: np.ndarray
    p_test: np.ndarray
    ratio: np.ndarray
    ratio_test: np.ndarray

    def passes(self) -> np.ndarray:
        return (self.ratio_test > Z_90) & (self.p_test > Z_90)


def _direction_stats(
    tally: np.ndarray, group: int, seen: np.ndarray, seen_rest: np.ndarray
) -> _DirectionStats:
    n = tally[group]
    n_rest = tally.sum(axis=0) - n
    p = (1.0 + n) / (2.0 + seen)
    return _DirectionStats(
        n=n,
        p=p,
        p_test=proportion_test(n, seen),
        ratio=p / ((1.0 + n_rest) / (2.0 + seen_rest)),
        ratio_test=two_proportion_test(n, n_rest, seen, seen_rest),
    )


def _describe(
    position: int, *, agree: bool, stats: dict[str, _DirectionStats], seen: np.ndarray, ids: list
) -> RepresentativePosition:
    direction = "agree" if agree else "disagree"
    chosen = stats[direction]
    return RepresentativePosition(
        position_id=ids[position],
        direction=direction,
        n_success=int(chosen.n[position]),
        n_seen=int(seen[position]),
        p_success=float(chosen.p[position]),
        p_test=float(chosen.p_test[position]),
        repness=float(chosen.ratio[position]),
        repness_test=float(chosen.ratio_test[position]),
    )


def representative_positions(
    counts: GroupVoteCounts,
    *,
    position_ids: list,
    excluded: np.ndarray,
    limit: int = MAX_REPRESENTATIVE,
) -> list[tuple[RepresentativePosition, ...]]:
    """For each group, its most distinguishing positions (see the module docstring)."""
    seen_total = counts.seen.sum(axis=0)
    result: list[tuple[RepresentativePosition, ...]] = []
    for group in range(counts.seen.shape[0]):
        seen = counts.seen[group]
        seen_rest = seen_total - seen
        agree = _direction_stats(counts.agree, group, seen, seen_rest)
        disagree = _direction_stats(counts.disagree, group, seen, seen_rest)
        agree_passes = agree.passes() & ~excluded
        disagree_passes = disagree.passes() & ~excluded
        # When both directions pass (rare), the stronger two-proportion test decides.
        use_agree = agree_passes & (~disagree_passes | (agree.ratio_test >= disagree.ratio_test))
        chosen = np.flatnonzero(agree_passes | disagree_passes)
        if chosen.size == 0:
            use_agree = agree.ratio_test > disagree.ratio_test
            candidates = np.flatnonzero(~excluded & (seen > 0))
            strongest = np.maximum(agree.ratio_test, disagree.ratio_test)[candidates]
            chosen = candidates[np.argmax(strongest)][np.newaxis] if candidates.size else chosen
        stats = {"agree": agree, "disagree": disagree}
        described = [
            _describe(int(j), agree=bool(use_agree[j]), stats=stats, seen=seen, ids=position_ids)
            for j in chosen
        ]
        # Stable sorts over positions in id order: ties keep that order.
        described.sort(key=lambda item: -item.metric)
        top = described[:limit]
        top.sort(key=lambda item: item.direction != "agree")
        result.append(tuple(top))
    return result


def consensus(
    counts: GroupVoteCounts, *, position_ids: list[object], excluded: np.ndarray
) -> tuple[tuple[ConsensusPosition, ...], dict[object, float]]:
    """Group-aware consensus, most agreed first, and the bridging score per position."""
    k = counts.seen.shape[0]
    agree = np.prod((counts.agree + 1.0) / (counts.seen + 2.0), axis=0)
    disagree = np.prod((counts.disagree + 1.0) / (counts.seen + 2.0), axis=0)
    bridging = agree ** (1.0 / k)
    kept = np.flatnonzero(~excluded)
    ranked = kept[np.argsort(-agree[kept], kind="stable")]
    return (
        tuple(
            ConsensusPosition(
                position_id=position_ids[j], agree=float(agree[j]), disagree=float(disagree[j])
            )
            for j in ranked
        ),
        {position_ids[j]: float(bridging[j]) for j in kept},
    )
