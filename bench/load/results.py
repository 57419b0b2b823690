"""What a load run recorded and what it proves: pure functions, no servers (unit-tested)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

# A read answered; a write done: a redirect after a form post (to anywhere but the sign-in
# page, which would mean the session was lost and nothing was written).
READ_OK = frozenset({200})
WRITE_DONE = frozenset({302})
# Writes that carry a marker in their text, and votes, known by (voter, position, value).
MARKED_KINDS = ("reply", "position", "report")
WRITE_KINDS = ("vote", *MARKED_KINDS)
# The goals at 64 clients; printed as met or not, never failing a run.
GOAL_SIGNED_IN_P50 = 1.0
GOAL_ANONYMOUS_CACHED_P50 = 0.2


@dataclass(frozen=True)
class Sample:
    """One request: `status` 0 when the connection failed before an answer came."""

    kind: str  # "read" (signed in), "anonymous" (a reader without an account) or "write"
    status: int
    seconds: float
    ended: float  # time.monotonic() when it ended
    retry: bool = False  # the one retry of a 503
    cache: str = ""  # the page cache's header: "hit", "miss" or absent
    retry_after: bool = False  # a 503 that said when to come back
    friendly: bool = False  # a 503 with Agora's own page ("Back in a moment")


@dataclass
class Writes:
    """Each write by kind and key: the marker for marked kinds, (voter, position, value) for
    votes; acknowledged (WRITE_DONE) or not (any other answer, or none)."""

    acknowledged: dict[str, set] = field(default_factory=lambda: {k: set() for k in WRITE_KINDS})
    unacknowledged: dict[str, set] = field(default_factory=lambda: {k: set() for k in WRITE_KINDS})

    def record(self, kind: str, key, *, done: bool) -> None:
        (self.acknowledged if done else self.unacknowledged)[kind].add(key)

    def merge(self, other: Writes) -> None:
        for kind in WRITE_KINDS:
            self.acknowledged[kind] |= other.acknowledged[kind]
            self.unacknowledged[kind] |= other.unacknowledged[kind]


@dataclass(frozen=True)
class Verdict:
    acknowledged: int
    missing: int
    duplicated: int
    unacknowledged_stored: int
    unacknowledged: int

    @property
    def passed(self) -> bool:
        return self.missing == 0 and self.duplicated == 0


def verify_marked(writes: Writes, kind: str, stored: Counter[str]) -> Verdict:
    """Every acknowledged write of `kind` is stored exactly once; `stored` counts rows per
    marker."""
    acked, unacked = writes.acknowledged[kind], writes.unacknowledged[kind]
    return Verdict(
        acknowledged=len(acked),
        missing=sum(1 for marker in acked if stored[marker] == 0),
        duplicated=sum(1 for _marker, n in stored.items() if n > 1),
        unacknowledged_stored=sum(1 for marker in unacked if stored[marker]),
        unacknowledged=len(unacked),
    )


def verify_votes(writes: Writes, stored: dict[tuple[int, int], int]) -> Verdict:
    """Every acknowledged vote is stored with its value; `stored` maps (voter, position) to the
    value in the database (one row per pair: a database constraint)."""
    acked, unacked = writes.acknowledged["vote"], writes.unacknowledged["vote"]
    return Verdict(
        acknowledged=len(acked),
        missing=sum(1 for v, p, value in acked if stored.get((v, p)) != value),
        duplicated=0,
        unacknowledged_stored=sum(1 for v, p, value in unacked if stored.get((v, p)) == value),
        unacknowledged=len(unacked),
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


def _latencies(samples: list[Sample], kind: str) -> list[float]:
    done = WRITE_DONE if kind == "write" else READ_OK
    return [s.seconds for s in samples if s.kind == kind and s.status in done]


def _goal(name: str, p50: float, goal: float, answered: int) -> str:
    met = "goal met" if answered and p50 < goal else "goal NOT met"
    return f"{met}: {name} p50 {p50 * 1000:.0f} ms (goal < {goal * 1000:.0f} ms)"


def summary_lines(samples: list[Sample], seconds: float) -> list[str]:
    """Latency of signed-in reads, writes and anonymous reads, the goals, throughput, and the
    answers by status."""
    lines = []
    p50s = {}
    for kind, name in (("read", "signed-in reads"), ("write", "writes"), ("anonymous", "")):
        times = _latencies(samples, kind)
        p50s[kind] = (percentile(times, 0.5), len(times))
        if kind == "anonymous":
            ours = [s for s in samples if s.kind == kind]
            hits = sum(1 for s in ours if s.cache == "hit")
            name = f"anonymous reads ({hits}/{len(ours)} page-cache hits)"
        lines.append(
            f"{name}: {len(times)} answered, p50 {p50s[kind][0] * 1000:.0f} ms, "
            f"p99 {percentile(times, 0.99) * 1000:.0f} ms"
        )
    signed_in, answered = p50s["read"]
    lines.append(_goal("signed-in reads", signed_in, GOAL_SIGNED_IN_P50, answered))
    cached = [s.seconds for s in samples if s.kind == "anonymous" and s.cache == "hit"]
    cached_p50 = percentile(cached, 0.5)
    goal = GOAL_ANONYMOUS_CACHED_P50
    lines.append(_goal("cached anonymous reads", cached_p50, goal, len(cached)))
    counts = status_counts(samples)
    shown = ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(counts.items()))
    lines.append(f"throughput: {len(samples) / seconds:.1f} requests/s ({shown})")
    return lines


def unavailable_lines(samples: list[Sample]) -> list[str]:
    """The 503s: each must say when to come back and be Agora's own page, never a 500."""
    unavailable = [s for s in samples if s.status == 503]
    told = sum(1 for s in unavailable if s.retry_after)
    friendly = sum(1 for s in unavailable if s.friendly)
    ok = told == friendly == len(unavailable)
    n = len(unavailable)
    return [
        f"{'PASS' if ok else 'FAIL'}  503 answers with Retry-After: {told}/{n}, with the "
        f'friendly page ("Back in a moment" / "잠시 후"): {friendly}/{n}'
    ]
