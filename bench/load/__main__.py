"""`make load`: LOAD_CLIENTS signed-in clients (64) and LOAD_ANONYMOUS anonymous readers (8)
for LOAD_SECONDS (60) through nginx in front of two app servers, three times: clean,
PostgreSQL restarted in the middle, Redis restarted in the middle. After each run, one line
per check; exit 1 when an acknowledged write is missing or doubled, a page's count differs
from COUNT(*), PostgreSQL's return is not served within 5 s, or any answer is a 500."""

from __future__ import annotations

import datetime
import os
import sys
import time
from collections import Counter

from bench.cluster.accounts import django_ready, signed_in_accounts
from bench.cluster.launcher import Cluster, stop_on_sigterm
from bench.load import results, shown
from bench.load.recovery import RecoveryProbe
from bench.load.runs import Fault, load_plan, run_load, verdict_lines, warm_up

TASK_GRACE_SECONDS = 30


def _task_lines(cluster: Cluster, since: datetime.datetime) -> list[str]:
    """The task worker after the run: its restarts, and whether what the run queued got done
    within a grace period (a row left RUNNING is named: nothing runs it again)."""
    from django.db import connection
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(enqueued_at__gte=since)
    deadline = time.monotonic() + TASK_GRACE_SECONDS
    while True:
        waiting = tasks.filter(status__in=["READY", "RUNNING"])
        if not waiting.exists() or time.monotonic() > deadline:
            break
        time.sleep(1)
    counts = dict(tasks.order_by().values_list("status").annotate(n=Count("pk")))
    left = Counter(waiting.values_list("task_path", flat=True))
    connection.close()
    stuck = f"; left: {dict(left)}" if left else ""
    return [
        f"{'PASS' if not left else 'FAIL'}  tasks queued by the run done within "
        f"{TASK_GRACE_SECONDS} s: {counts}{stuck} (task worker restarted "
        f"{cluster.worker_restarts} times by its supervisor)"
    ]


def _postgres_fault(cluster: Cluster, at: float) -> tuple[Fault, RecoveryProbe]:
    """PostgreSQL restarted, watched by a probe from the stop to the first page served after
    the start (`pg_ctlcluster restart` returns once the server accepts connections)."""
    from django.conf import settings

    ((_user_id, session),) = signed_in_accounts("load-probe", 1)
    _position_id, url = load_plan(0, "").positions[0]
    probe = RecoveryProbe(url, settings.SESSION_COOKIE_NAME, session)

    def restart() -> None:
        probe.start()
        cluster.restart_postgres()
        probe.back()

    return Fault("PostgreSQL restarted", restart, at), probe


def _fault_lines(fault: Fault, outcome, probe: RecoveryProbe | None) -> list[str]:
    lines = []
    if fault.window:
        begun, ended = fault.window
        again = results.served_again_after(outcome.samples, ended)
        said = f"last failure {again:.1f} s after it" if again is not None else "none after it"
        lines.append(f"      {fault.name}: took {ended - begun:.1f} s; {said}")
    if probe is not None:
        probe.join()
        lines += probe.lines()
    return lines


def main() -> int:
    clients = int(os.environ.get("LOAD_CLIENTS", "64"))
    anonymous = int(os.environ.get("LOAD_ANONYMOUS", "8"))
    seconds = float(os.environ.get("LOAD_SECONDS", "60"))
    failed: list[str] = []
    stop_on_sigterm()
    with Cluster() as cluster:
        django_ready(cluster)
        warm_up()
        for tag in ("clean", "postgres", "redis"):
            fault, probe = None, None
            if tag == "postgres":
                fault, probe = _postgres_fault(cluster, seconds / 2)
            elif tag == "redis":
                fault = Fault("Redis restarted", cluster.restart_redis, seconds / 2)
            title = fault.name if fault else "no fault"
            print(
                f"== run {tag}: {clients} signed-in clients and {anonymous} anonymous readers, "
                f"{seconds:.0f} s, {title}",
                flush=True,
            )
            since = datetime.datetime.now(tz=datetime.UTC)
            outcome = run_load(
                cluster,
                run_tag=tag,
                clients=clients,
                seconds=seconds,
                fault=fault,
                anonymous=anonymous,
            )
            lines = verdict_lines(outcome)
            if fault:
                lines += _fault_lines(fault, outcome, probe)
            lines += _task_lines(cluster, since)
            lines += shown.topic_lines(outcome.plan.topic_url)
            lines += shown.report_lines(tag)
            print("\n".join(lines), flush=True)
            failed += [f"{tag}: {line[6:]}" for line in lines if line.startswith("FAIL")]
    for reason in failed:
        print(f"FAIL  {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
