"""The opinion-map benchmark runs, at a size small enough for the test suite."""

from __future__ import annotations

from bench.opinions_map import run


def test_benchmark_finds_the_planted_groups():
    (row,) = run(sizes=((2_000, 200, 100_000),))

    assert row["status"] == "ok"
    assert row["k"] == 3
    assert row["ari"] > 0.85
    assert row["votes"] == 100_000
    assert row["seconds"] > 0 and row["peak_rss_mb"] > 0
