"""`python -m bench pages`: Agora's pages under gunicorn, beside a minimal Django view (the
ceiling) served by the same gunicorn, settings and Python, measured with wrk on 127.0.0.1.

Production settings (DJANGO_DEBUG=0, collected static files, WhiteNoise), PostgreSQL database
`agora_bench_pages` (dropped and created each run; `BENCH_PAGES_DATABASE_URL` names the server),
Redis db 14 as the cache (`BENCH_PAGES_CACHE_URL`; flushed at the start), `GUNICORN_WORKERS`
sync workers (2). Pages: home, the topic page with 2,000 positions, the position page with 500
replies, the opinion map and the summary, each anonymous and signed in. Rounds are interleaved
(`BENCH_PAGES_ROUNDS` × `BENCH_PAGES_SECONDS` of wrk per page, the ceiling in every round), so
the machine's mood affects all alike; the table shows each figure's median over the rounds.
Targets are printed beside the figures, never asserted: speed is measured here, not tested.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import wrk

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "agora_bench_pages"
ROUNDS = int(os.environ.get("BENCH_PAGES_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "5"))
WORKERS = os.environ.get("GUNICORN_WORKERS", "2")
LENIENT = os.environ.get("BENCH_PAGES_STRICT", "1") == "0"
CEILING = "minimal Django view (ceiling)"
ANONYMOUS, SIGNED_IN = "anonymous", "signed in"
# (page, reader, n): the page's rate should reach 1/n of the ceiling's (issue 13).
TARGETS = [
    ("topic page, 2,000 positions", ANONYMOUS, 5),
    ("topic page, 2,000 positions", SIGNED_IN, 20),
    ("position page, 500 replies", ANONYMOUS, 10),
    ("position page, 500 replies", SIGNED_IN, 30),
]


class CheckFailed(RuntimeError):
    """A page did not answer what the reader it is measured for must get."""


def _database_url(name: str) -> str:
    server = os.environ.get(
        "BENCH_PAGES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as connection:
        connection.execute(sql)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(port: int) -> dict[str, str]:
    """What this process (building the data, creating the session) and gunicorn both read."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": _database_url(DATABASE),
        "CACHE_URL": os.environ.get("BENCH_PAGES_CACHE_URL", "redis://127.0.0.1:6379/14"),
        "GUNICORN_WORKERS": WORKERS,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }


def _prepare() -> tuple[dict[str, str], str]:
    """A fresh database and cache with the bench's content; returns the pages and the signed-in
    reader's Cookie header."""
    import django
    import redis
    from django.core.management import call_command
    from django.db import connection

    from bench import pages_data

    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DATABASE}")
    redis.Redis.from_url(os.environ["CACHE_URL"]).flushdb()
    django.setup()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    content = pages_data.build()
    # Statistics, as autovacuum would gather within a minute of a bulk load: without them the
    # planner guesses 35 positions for 2,200 and JIT-compiles home's query (0.9 s of its 1 s).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  content built in {time.perf_counter() - started:.0f} s")
    return content.urls, pages_data.signed_in_cookie(content.reader_id)


def _gunicorn(log) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "forum.wsgi:application", "--chdir", str(ROOT)]
    # The lead's production configuration, once it exists; the flags below still choose the
    # address and the worker count.
    if (ROOT / "gunicorn.conf.py").exists():
        command += ["-c", str(ROOT / "gunicorn.conf.py")]
    command += ["-w", WORKERS, "-b", os.environ["GUNICORN_BIND"]]
    # This interpreter and fixed arguments: no outside input reaches the command.
    return subprocess.Popen(  # noqa: S603
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_for_port(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CheckFailed(f"gunicorn exited ({server.returncode}):\n{log_path.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise CheckFailed(f"gunicorn did not listen on port {port} within 60 s")


def _get(port: int, path: str, cookie: str = "") -> tuple[int, list[str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read().decode()
        return response.status, response.msg.get_all("Set-Cookie") or [], body
    finally:
        connection.close()


def _csrf_cookie(port: int, session_cookie: str) -> str:
    """The reader's Cookie header with the csrftoken a browser would have kept from its first
    signed-in page, so that no measured answer has to set a new one."""
    _status, set_cookies, _body = _get(port, "/", session_cookie)
    pairs = [line.split(";", 1)[0] for line in set_cookies if line.startswith("csrftoken=")]
    return "; ".join([session_cookie, *pairs])


def _check(port: int, urls: dict[str, str], cookie: str) -> list[str]:
    """Once per page: anonymous readers get a 200 that sets no cookie (a shared cache could keep
    it) and no sign-out button; the signed-in reader gets a 200 with the sign-out button.

    Returns warnings: with BENCH_PAGES_STRICT=0 an anonymous cookie is one (to measure commits
    from before anonymous pages stopped setting one), otherwise it fails the bench."""
    from django.urls import reverse

    sign_out = f'action="{reverse("account_logout")}"'
    failures, warnings = [], []
    for page, path in urls.items():
        status, set_cookies, body = _get(port, path)
        if status != 200 or sign_out in body:
            failures.append(
                f"{page}, anonymous: {status}, sign-out button shown: {sign_out in body}"
            )
        if set_cookies:
            names = ", ".join(line.split("=", 1)[0] for line in set_cookies)
            (warnings if LENIENT else failures).append(f"{page}, anonymous: sets {names}")
        status, _set_cookies, body = _get(port, path, cookie)
        if status != 200 or sign_out not in body:
            failures.append(
                f"{page}, signed in: {status}, sign-out button shown: {sign_out in body}"
            )
    if failures:
        raise CheckFailed(
            "pages did not answer as their reader must get them:\n  " + "\n  ".join(failures)
        )
    return warnings


def _cases(urls: dict[str, str], cookie: str) -> list[tuple[str, str, str, str]]:
    """(page, reader, path, cookie) in the order of every round: the ceiling first."""
    from bench.urls import MINIMAL

    cases = [(CEILING, ANONYMOUS, MINIMAL, "")]
    for page, path in urls.items():
        cases += [(page, ANONYMOUS, path, ""), (page, SIGNED_IN, path, cookie)]
    return cases


def _measure(port: int, cases) -> dict[tuple[str, str], list[wrk.Measurement]]:
    base = f"http://127.0.0.1:{port}"
    for _page, _reader, path, cookie in cases:
        wrk.measure(base + path, seconds=1, cookie=cookie)  # warm templates and caches
    figures: dict[tuple[str, str], list[wrk.Measurement]] = {(c[0], c[1]): [] for c in cases}
    for number in range(1, ROUNDS + 1):
        print(f"  round {number}/{ROUNDS}", flush=True)
        for page, reader, path, cookie in cases:
            figures[page, reader].append(wrk.measure(base + path, seconds=SECONDS, cookie=cookie))
    return figures


def _median(runs: list[wrk.Measurement]) -> wrk.Measurement:
    return wrk.Measurement(
        statistics.median(run.requests_per_second for run in runs),
        statistics.median(run.p50_ms for run in runs),
        statistics.median(run.p99_ms for run in runs),
    )


def report(figures: dict[tuple[str, str], list[wrk.Measurement]]) -> list[str]:
    """The table and the targets, as lines."""
    medians = {case: _median(runs) for case, runs in figures.items()}
    ceiling = medians[CEILING, ANONYMOUS].requests_per_second
    lines = [
        f"{'page':34} {'reader':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'÷ ceiling':>10}"
    ]
    for (page, reader), m in medians.items():
        lines.append(
            f"{page:34} {reader:10} {m.requests_per_second:8.1f} {m.p50_ms:8.1f}"
            f" {m.p99_ms:8.1f} {wrk.ratio(m.requests_per_second, ceiling):>10}"
        )
    lines.append("Targets (issue 13; printed, not asserted):")
    for page, reader, n in TARGETS:
        rate = medians[page, reader].requests_per_second
        verdict = "met" if wrk.meets(rate, ceiling, n) else "NOT met"
        lines.append(
            f"  {page}, {reader}: at least 1/{n}, measured {wrk.ratio(rate, ceiling)}: {verdict}"
        )
    return lines


def main() -> int:
    # A terminated bench still stops its gunicorn (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.path.insert(0, str(ROOT))
    port = _free_port()
    os.environ.update(_environment(port))
    print(
        f"Pages under gunicorn ({WORKERS} {os.environ.get('GUNICORN_WORKER_CLASS', 'sync')}"
        " workers, 127.0.0.1), wrk -t2 -c4, "
        f"{ROUNDS} rounds × {SECONDS} s, medians:"
    )
    try:
        urls, session_cookie = _prepare()
    except Exception as error:  # PostgreSQL or Redis unreachable: say so, the rest still runs
        print(f"Page bench failed to prepare ({error.__class__.__name__}: {error}).")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        log_path = Path(folder) / "gunicorn.log"
        with log_path.open("w") as log:
            server = _gunicorn(log)
            try:
                _wait_for_port(server, port, log_path)
                cookie = _csrf_cookie(port, session_cookie)
                cases = _cases(urls, cookie)
                warnings = _check(port, urls, cookie)
                lines = [f"  WARNING (BENCH_PAGES_STRICT=0): {line}" for line in warnings]
                lines += report(_measure(port, cases))
            except (CheckFailed, wrk.WrkError, subprocess.CalledProcessError) as error:
                print(f"Page bench failed: {error}")
                return 1
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
    print("\n".join(lines))
    from django.db import connections

    connections.close_all()
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
