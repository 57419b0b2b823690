"""`python -m bench.opinions_map`: time, memory and accuracy of the opinion map on synthetic votes.

A synthetic topic with planted opinion groups: three equally likely groups; position j's agree
probability for group g is σ(b_j + s_gj) with b_j ~ N(0, 1) and s_gj ~ N(0, 1.2); 15 % of votes
are passes; each participant votes on 50 distinct random positions. Generation is vectorised
and seeded, so every run maps the same votes.

Measured per size:
- seconds: wall time of `compute_opinion_map_arrays` (time.perf_counter);
- peak RSS: the process's peak resident memory right after that call (resource.getrusage
  ru_maxrss): the whole process, interpreter, libraries and generated votes included, so an
  upper bound on what the computation needs; sizes run in increasing order, so each peak is
  that size's own;
- compute peak: the most memory allocated at once during the computation alone (tracemalloc,
  which numpy reports to), from a second, untimed run because tracing slows allocation;
- ARI: adjusted Rand index between the groups found and the planted ones.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make `forum` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum.opinions import compute_opinion_map_arrays

VOTES_PER_PARTICIPANT = 50
N_GROUPS = 3
PASS_SHARE = 0.15
OPINION_SPREAD = 1.2
SEED = 20240601
DEFAULT_SIZES = ((10_000, 1_000, 500_000), (100_000, 5_000, 5_000_000))


def planted_votes(
    n_participants: int, n_positions: int, *, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(participant, position, value) arrays and each participant's planted group."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, N_GROUPS, size=n_participants)
    base = rng.normal(0.0, 1.0, size=n_positions)
    slant = rng.normal(0.0, OPINION_SPREAD, size=(N_GROUPS, n_positions))

    # 50 distinct positions per participant: draw with replacement, then redraw the repeats
    # (about a quarter of a repeat per participant) until none is left.
    chosen = rng.integers(0, n_positions, size=(n_participants, VOTES_PER_PARTICIPANT))
    while True:
        chosen.sort(axis=1)
        repeated = np.zeros(chosen.shape, dtype=bool)
        repeated[:, 1:] = chosen[:, 1:] == chosen[:, :-1]
        n_repeated = int(repeated.sum())
        if n_repeated == 0:
            break
        chosen[repeated] = rng.integers(0, n_positions, size=n_repeated)

    participant = np.repeat(np.arange(n_participants), VOTES_PER_PARTICIPANT)
    position = chosen.ravel()
    agree_probability = 1.0 / (
        1.0 + np.exp(-(base[position] + slant[group[participant], position]))
    )
    agrees = rng.random(position.size) < agree_probability
    passes = rng.random(position.size) < PASS_SHARE
    value = np.where(passes, 0, np.where(agrees, 1, -1)).astype(np.int8)
    return participant, position, value, group


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _traced_peak_mb(participant: np.ndarray, position: np.ndarray, value: np.ndarray) -> float:
    tracemalloc.start()
    try:
        compute_opinion_map_arrays(participant, position, value)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


def run(sizes: tuple[tuple[int, int, int], ...] = DEFAULT_SIZES) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score

    results = []
    for n_participants, n_positions, n_votes in sizes:
        if n_votes != n_participants * VOTES_PER_PARTICIPANT:
            raise ValueError(
                f"votes must be participants × {VOTES_PER_PARTICIPANT}, got {n_votes}"
                f" for {n_participants} participants"
            )
        participant, position, value, planted = planted_votes(n_participants, n_positions)
        started = time.perf_counter()
        opinion_map = compute_opinion_map_arrays(participant, position, value)
        seconds = time.perf_counter() - started
        peak_rss_mb = _peak_rss_mb()
        compute_peak_mb = _traced_peak_mb(participant, position, value)
        found = np.full(n_participants, -1)
        found[np.asarray(opinion_map.participant_ids, dtype=np.int64)] = opinion_map.labels
        results.append(
            {
                "participants": n_participants,
                "positions": n_positions,
                "votes": int(value.size),
                "seconds": seconds,
                "peak_rss_mb": peak_rss_mb,
                "compute_peak_mb": compute_peak_mb,
                "k": opinion_map.k,
                "ari": float(adjusted_rand_score(planted, found)),
                "status": str(opinion_map.status),
            }
        )
    return results


def main() -> None:
    header = f"{'participants':>12} {'positions':>9} {'votes':>10} {'seconds':>8}"
    header += f" {'peak RSS MB':>11} {'compute peak MB':>15} {'k':>2} {'ARI':>6}"
    print(header)
    for row in run():
        print(
            f"{row['participants']:>12,} {row['positions']:>9,} {row['votes']:>10,}"
            f" {row['seconds']:>8.2f} {row['peak_rss_mb']:>11.0f}"
            f" {row['compute_peak_mb']:>15.0f} {row['k']:>2} {row['ari']:>6.3f}"
        )
    print(
        "seconds: compute_opinion_map_arrays wall time; peak RSS: whole process (ru_maxrss);"
        " compute peak: tracemalloc during the computation alone"
    )


if __name__ == "__main__":
    main()
