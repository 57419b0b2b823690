"""Running wrk and reading what it prints: requests per second and the latency percentiles
of `--latency`, and the ratio of a page's rate to the ceiling as people read it ("1/4.2")."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


class WrkError(RuntimeError):
    """wrk's output is not a clean measurement (errors, or not what --latency prints)."""


@dataclass(frozen=True)
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def parse(output: str) -> Measurement:
    """The rate and the 50 % and 99 % latencies of one `wrk --latency` run. A run that got any
    answer but 2xx/3xx, or timed out, measured something else: refused, not averaged in."""
    if match := _NON_2XX.search(output):
        raise WrkError(f"{match.group(1)} answers were not 2xx or 3xx")
    if (match := _SOCKET_ERRORS.search(output)) and match.group(4) != "0":
        raise WrkError(f"{match.group(4)} requests timed out")
    rate = _RATE.search(output)
    percentiles = {
        which: float(value) * _UNITS_MS[unit] for which, value, unit in _PERCENTILE.findall(output)
    }
    if rate is None or set(percentiles) != {"50", "99"}:
        raise WrkError("no Requests/sec or latency distribution (was --latency given?)")
    return Measurement(float(rate.group(1)), percentiles["50"], percentiles["99"])


def ratio(rate: float, ceiling: float) -> str:
    """A rate as a fraction of the ceiling: "1/4.2", "1/136"; faster than it, "1.3×"."""
    if rate <= 0:
        return "1/∞"
    times = ceiling / rate
    if times < 1:
        return f"{1 / times:.1f}×"
    return f"1/{times:.1f}" if times < 10 else f"1/{times:.0f}"


def meets(rate: float, ceiling: float, fraction_denominator: int) -> bool:
    """Whether a rate reaches 1/denominator of the ceiling."""
    return rate * fraction_denominator >= ceiling


def measure(
    url: str,
    *,
    seconds: int,
    cookie: str = "",
    threads: int = 2,
    connections: int = 4,
) -> Measurement:
    # wrk's own timeout (2 s) would drop the slowest answers from the latencies: a slow page
    # is what is measured here, so only a stuck one (30 s) counts as a timeout.
    command = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(  # noqa: S603 -- wrk from PATH, our own URL and header
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    try:
        return parse(done.stdout)
    except WrkError as error:
        raise WrkError(f"{url}{' (signed in)' if cookie else ''}: {error}") from error


def wrk_path() -> str:
    """wrk, installed from Debian's package when missing (the bench's one system tool)."""
    found = shutil.which("wrk")
    if found is None:
        print("wrk is missing: installing Debian's package.")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607
        found = shutil.which("wrk")
    if found is None:
        raise WrkError("wrk is not installed and apt-get could not install it")
    return found
