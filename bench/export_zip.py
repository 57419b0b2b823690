"""The consultation ZIP of a topic with 10,000 positions and 1,000,000 votes: time and memory.

Run by `make bench` after the pages (it shares their temporary SQLite database), or alone:
`python -m bench.export_zip` (which sets one up).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

POSITIONS = 10_000
VOTES = 1_000_000
VOTERS = 2_000


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build() -> object:
    import numpy as np

    from forum.markup import render_markdown
    from forum.models import Consultation, Phase, Position, Stance, Topic, User, Vote

    consultation = Consultation.objects.create(
        slug="bench-export", title_en="Export bench", phase=Phase.CLOSED
    )
    topic = Topic.objects.create(consultation=consultation, slug="big", question_en="Big?")
    stances = [
        Stance.objects.create(topic=topic, key=f"s{i}", label_en=f"Stance {i}", order=i)
        for i in range(3)
    ]
    users = User.objects.bulk_create(
        User(username=f"export-{i}", pseudonym_key=f"export-{i}")
        for i in range(max(POSITIONS, VOTERS))
    )
    body = "An argument with **emphasis** and a [link](https://example.org). " * 4
    html = render_markdown(body)
    positions = Position.objects.bulk_create(
        (
            Position(
                topic=topic,
                author=users[i],
                stance=stances[i % 3],
                claim=f"Claim {i}",
                body=body,
                body_html=html,
            )
            for i in range(POSITIONS)
        ),
        batch_size=2000,
    )
    rng = np.random.default_rng(7)
    # 1,000,000 distinct (voter, position) pairs: 2,000 voters × 500 positions each.
    per_voter = VOTES // VOTERS
    position_ids = np.array([p.pk for p in positions])
    batch = []
    for voter in users[:VOTERS]:
        chosen = rng.choice(position_ids, size=per_voter, replace=False)
        values = rng.integers(-1, 2, size=per_voter)
        batch.extend(
            Vote(position_id=int(p), voter_id=voter.pk, value=int(v))
            for p, v in zip(chosen, values, strict=True)
        )
        if len(batch) >= 50_000:
            Vote.objects.bulk_create(batch, batch_size=10_000)
            batch = []
    if batch:
        Vote.objects.bulk_create(batch, batch_size=10_000)
    return consultation


def run(consultation) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum.opendata import exports

    with tempfile.TemporaryFile() as target, CaptureQueriesContext(connection) as queries:
        before = _peak_rss_mb()
        start = time.perf_counter()
        exports.write_consultation_zip(consultation, target)
        seconds = time.perf_counter() - start
        size = target.tell()
    return {
        "seconds": seconds,
        "megabytes": size / 1e6,
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_mb": before,
        "queries": len(queries),
    }


def main() -> None:
    start = time.perf_counter()
    consultation = build()
    built = time.perf_counter() - start
    result = run(consultation)
    print(
        f"ZIP of {POSITIONS:,} positions and {VOTES:,} votes: {result['seconds']:.1f} s, "
        f"{result['megabytes']:.1f} MB, {result['queries']} queries, peak RSS "
        f"{result['peak_rss_mb']:.0f} MB (before: {result['rss_before_mb']:.0f} MB; "
        f"building the data took {built:.0f} s)"
    )


if __name__ == "__main__":
    from bench.__main__ import _setup

    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "export.sqlite3")
        sys.exit(main())
