"""`make load`: LOAD_CLIENTS signed-in clients (64) for LOAD_SECONDS (60) through nginx in
front of two app servers, three times: clean, PostgreSQL restarted in the middle, Redis
restarted in the middle. After each run, one line per check; exit 1 when an acknowledged
write is missing or doubled, or any answer is a 500."""

from __future__ import annotations

import os
import sys
import time

from bench.cluster.accounts import django_ready
from bench.cluster.launcher import Cluster, stop_on_sigterm
from bench.load import results
from bench.load.runs import Fault, run_load, verdict_lines, warm_up


def _task_lines(cluster: Cluster) -> list[str]:
    """The task worker after the run: its restarts, and whether what was queued got done."""
    from django.db import connection
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + 30
    while True:
        waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
        if not waiting or time.monotonic() > deadline:
            break
        time.sleep(1)
    counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")))
    connection.close()
    return [
        f"{'PASS' if not waiting else 'FAIL'}  queued tasks done: {counts} "
        f"(task worker restarted {cluster.worker_restarts} times by its supervisor)"
    ]


def main() -> int:
    clients = int(os.environ.get("LOAD_CLIENTS", "64"))
    seconds = float(os.environ.get("LOAD_SECONDS", "60"))
    failed: list[str] = []
    stop_on_sigterm()
    with Cluster() as cluster:
        django_ready(cluster)
        warm_up()
        runs = [
            ("clean", None),
            ("postgres", Fault("PostgreSQL restarted", cluster.restart_postgres, seconds / 2)),
            ("redis", Fault("Redis restarted", cluster.restart_redis, seconds / 2)),
        ]
        for tag, fault in runs:
            title = fault.name if fault else "no fault"
            print(f"== run {tag}: {clients} clients, {seconds:.0f} s, {title}", flush=True)
            outcome = run_load(cluster, run_tag=tag, clients=clients, seconds=seconds, fault=fault)
            lines = verdict_lines(outcome)
            if fault and fault.window:
                begun, ended = fault.window
                again = results.served_again_after(outcome.samples, ended)
                shown = "no failure after it"
                if again is not None:
                    shown = f"last failure {again:.1f} s after it"
                lines.append(f"      {fault.name}: took {ended - begun:.1f} s; {shown}")
            lines += _task_lines(cluster)
            print("\n".join(lines), flush=True)
            reasons = results.failures(outcome.samples, outcome.replies, outcome.votes)
            failed += [f"{tag}: {reason}" for reason in reasons]
    for reason in failed:
        print(f"FAIL  {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
