"""What a load run recorded and what it proves: pure functions, no servers (unit-tested)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

# What the servers answer when a write was done: a redirect after a form post.
ACKNOWLEDGED = frozenset({200, 302})


@dataclass(frozen=True)
class Sample:
    """One request: `status` 0 when the connection failed before an answer came."""

    kind: str  # "read" or "write"
    status: int
    seconds: float
    ended: float  # time.monotonic() when it ended
    retry: bool = False  # the one retry of a 503


@dataclass
class Writes:
    """Each write by its marker: reply markers, and votes as (voter, position, value)."""

    acknowledged_replies: set[str] = field(default_factory=set)
    unacknowledged_replies: set[str] = field(default_factory=set)
    acknowledged_votes: set[tuple[int, int, int]] = field(default_factory=set)
    unacknowledged_votes: set[tuple[int, int, int]] = field(default_factory=set)

    def merge(self, other: Writes) -> None:
        self.acknowledged_replies |= other.acknowledged_replies
        self.unacknowledged_replies |= other.unacknowledged_replies
        self.acknowledged_votes |= other.acknowledged_votes
        self.unacknowledged_votes |= other.unacknowledged_votes


@dataclass(frozen=True)
class Verdict:
    missing: int
    duplicated: int
    unacknowledged_stored: int
    unacknowledged: int


def verify_replies(writes: Writes, stored: Counter[str]) -> Verdict:
    """Every acknowledged reply is stored exactly once; `stored` counts rows per marker."""
    acked = writes.acknowledged_replies
    return Verdict(
        missing=sum(1 for marker in acked if stored[marker] == 0),
        duplicated=sum(1 for marker, n in stored.items() if n > 1),
        unacknowledged_stored=sum(1 for m in writes.unacknowledged_replies if stored[m]),
        unacknowledged=len(writes.unacknowledged_replies),
    )


def verify_votes(writes: Writes, stored: dict[tuple[int, int], int]) -> Verdict:
    """Every acknowledged vote is stored with its value; `stored` maps (voter, position) to the
    value in the database (one row per pair: a database constraint)."""
    return Verdict(
        missing=sum(1 for v, p, value in writes.acknowledged_votes if stored.get((v, p)) != value),
        duplicated=0,
        unacknowledged_stored=sum(
            1 for v, p, value in writes.unacknowledged_votes if stored.get((v, p)) == value
        ),
        unacknowledged=len(writes.unacknowledged_votes),
    )


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def status_counts(samples: list[Sample]) -> Counter[int]:
    return Counter(sample.status for sample in samples)


def served_again_after(samples: list[Sample], fault_ended: float) -> float | None:
    """Seconds from the end of a fault to the end of the last failed request (5xx or no
    answer); None when nothing failed after it."""
    failed = [s.ended for s in samples if s.status == 0 or s.status >= 500]
    late = [ended - fault_ended for ended in failed if ended > fault_ended]
    return max(late) if late else None


def summary_lines(samples: list[Sample], seconds: float) -> list[str]:
    """Latency of reads and writes, throughput, and the answers by status class."""
    lines = []
    for kind in ("read", "write"):
        times = [s.seconds for s in samples if s.kind == kind and s.status in ACKNOWLEDGED]
        lines.append(
            f"{kind}s: {len(times)} answered, p50 {percentile(times, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(times, 0.99) * 1000:.0f} ms"
        )
    counts = status_counts(samples)
    shown = ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(counts.items()))
    lines.append(f"throughput: {len(samples) / seconds:.1f} requests/s ({shown})")
    return lines


def failures(samples: list[Sample], replies: Verdict, votes: Verdict) -> list[str]:
    """Why the run fails: a lost or doubled acknowledged write, or any 500."""
    reasons = []
    if replies.missing or votes.missing:
        reasons.append(f"{replies.missing + votes.missing} acknowledged writes missing")
    if replies.duplicated:
        reasons.append(f"{replies.duplicated} replies stored more than once")
    errors = status_counts(samples)[500]
    if errors:
        reasons.append(f"{errors} answers of 500")
    return reasons
