"""The page bench reads wrk's output and states ratios correctly (no timing is asserted)."""

from __future__ import annotations

import pytest

from bench import pages, wrk

SAMPLE = """\
Running 5s test @ http://127.0.0.1:41234/consultations/bench/topics/large/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   218.61ms   95.20ms   1.20s    88.00%
    Req/Sec     6.10      3.02    20.00     70.00%
  Latency Distribution
     50%  218.60ms
     75%  250.00ms
     90%  310.40ms
     99%    1.02s
  54 requests in 5.01s, 9.80MB read
Requests/sec:     10.78
Transfer/sec:      1.96MB
"""


def test_parse_reads_the_rate_and_the_median_and_99th_percentile_in_milliseconds():
    measurement = wrk.parse(SAMPLE)

    assert measurement == wrk.Measurement(requests_per_second=10.78, p50_ms=218.6, p99_ms=1020.0)


def test_parse_reads_microseconds():
    fast = SAMPLE.replace("218.60ms", "812.00us").replace("1.02s", "3.50ms")

    measurement = wrk.parse(fast)

    assert (measurement.p50_ms, measurement.p99_ms) == (pytest.approx(0.812), 3.5)


@pytest.mark.parametrize(
    "trouble, says",
    [
        ("  Non-2xx or 3xx responses: 12\n", "12 answers were not 2xx"),
        ("  Socket errors: connect 0, read 0, write 0, timeout 4\n", "4 requests timed out"),
    ],
)
def test_parse_refuses_a_run_with_errors(trouble, says):
    troubled = SAMPLE.replace("Requests/sec:", trouble + "Requests/sec:")

    with pytest.raises(wrk.WrkError, match=says):
        wrk.parse(troubled)


def test_parse_refuses_output_without_the_latency_distribution():
    without = SAMPLE.split("  Latency Distribution")[0] + "Requests/sec:     10.78\n"

    with pytest.raises(wrk.WrkError, match="--latency"):
        wrk.parse(without)


@pytest.mark.parametrize(
    "rate, ceiling, shown",
    [
        (1000.0, 4200.0, "1/4.2"),
        (10.0, 1360.0, "1/136"),
        (100.0, 100.0, "1/1.0"),
        (130.0, 100.0, "1.3×"),
        (0.0, 100.0, "1/∞"),
    ],
)
def test_ratio_is_a_fraction_of_the_ceiling(rate, ceiling, shown):
    assert wrk.ratio(rate, ceiling) == shown


def test_meets_compares_against_the_fraction_of_the_ceiling():
    assert wrk.meets(200.0, 1000.0, 5)
    assert not wrk.meets(199.0, 1000.0, 5)


def test_report_prints_medians_ratios_and_whether_each_target_is_met():
    def runs(rate: float) -> list[wrk.Measurement]:
        return [wrk.Measurement(rate * factor, 10.0, 50.0) for factor in (0.9, 1.0, 1.1)]

    figures = {(pages.CEILING, pages.ANONYMOUS): runs(1000.0)}
    for page, reader, n in pages.TARGETS:
        # Every page at exactly its target except the anonymous topic page, at half of it.
        half = page.startswith("topic") and reader == pages.ANONYMOUS
        figures[page, reader] = runs(1000.0 / n / (2 if half else 1))

    lines = pages.report(figures)

    text = "\n".join(lines)
    assert lines[1].startswith(pages.CEILING)
    assert lines[1].split()[-4:] == ["1000.0", "10.0", "50.0", "1/1.0"]
    assert "anonymous: at least 1/5, measured 1/10: NOT met" in text
    assert "signed in: at least 1/20, measured 1/20: met" in text
    assert "anonymous: at least 1/10, measured 1/10: met" in text
    assert "signed in: at least 1/30, measured 1/30: met" in text
