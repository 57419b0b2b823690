"""The last cluster check: one app server killed (SIGKILL) under load, the other one serves."""

from __future__ import annotations

from bench.cluster.launcher import APP_PORTS, Cluster
from bench.load.runs import Fault, run_load

NAME = "an app server killed mid-load loses no acknowledged write"
CLIENTS = 8
SECONDS = 12
KILL_AT = 4


def check(cluster: Cluster) -> str:
    from bench.cluster.checks import expect

    fault = Fault(f"SIGKILL to {APP_PORTS[0]}", lambda: cluster.kill_app(APP_PORTS[0]), KILL_AT)
    outcome = run_load(cluster, run_tag="failover", clients=CLIENTS, seconds=SECONDS, fault=fault)
    expect(fault.window is not None, "the kill did not happen")
    killed_at = fault.window[1]
    reads = [s for s in outcome.samples if s.kind == "read"]
    failed_reads = [s for s in reads if s.status != 200]
    after = [s for s in outcome.samples if s.ended > killed_at + 1 and s.status in (200, 302)]
    verdicts = outcome.verdicts.values()
    unacknowledged = sum(v.unacknowledged for v in verdicts)
    lost = sum(v.missing for v in verdicts)
    doubled = sum(v.duplicated for v in verdicts)
    expect(lost == 0, f"{lost} acknowledged writes missing")
    expect(doubled == 0, f"{doubled} writes stored twice")
    expect(not failed_reads, f"{len(failed_reads)} of {len(reads)} reads failed (GETs retried?)")
    # At most one request per client can have been in flight to the killed server.
    expect(unacknowledged <= CLIENTS, f"{unacknowledged} writes unanswered")
    expect(after, "nothing was served after the kill")
    acked = sum(v.acknowledged for v in verdicts)
    kinds = ", ".join(f"{v.acknowledged} {k}" for k, v in outcome.verdicts.items())
    return (
        f"{len(reads)} reads all 200, {acked} acknowledged writes ({kinds}) all stored once, "
        f"{unacknowledged} unanswered (in flight to the killed server), "
        f"{len(after)} answers from the survivor after the kill"
    )
