"""One load run against the cluster: its data, its fault, and the database's word on it."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bench.cluster.accounts import signed_in_accounts
from bench.cluster.launcher import APP_PORTS, NGINX_PORT, Cluster
from bench.cluster.web import Browser
from bench.load import results
from bench.load.clients import Plan, run_clients

LOAD_TOPIC_POSITIONS = 100


@dataclass
class Fault:
    """What happens to the cluster `at` seconds into a run; `window` is filled in."""

    name: str
    act: Callable[[], None]
    at: float
    window: tuple[float, float] | None = None

    def start(self, started: float) -> threading.Thread:
        def later() -> None:
            time.sleep(max(0.0, started + self.at - time.monotonic()))
            begun = time.monotonic()
            self.act()
            self.window = (begun, time.monotonic())

        thread = threading.Thread(target=later, daemon=True)
        thread.start()
        return thread


@dataclass
class Outcome:
    samples: list[results.Sample]
    writes: results.Writes
    replies: results.Verdict
    votes: results.Verdict
    seconds: float


def load_topic():
    """The topic the load works on: 100 positions by other accounts, in an open consultation of
    its own (the page bench's builders)."""
    from bench.pages_data import _topic
    from forum.models import Consultation, Phase, Topic

    consultation, _created = Consultation.objects.get_or_create(
        slug="load", defaults={"title_en": "Load", "phase": Phase.OPEN}
    )
    existing = Topic.objects.filter(consultation=consultation, slug="load").first()
    return existing or _topic(consultation, "load", LOAD_TOPIC_POSITIONS)


def load_plan(seconds: float, run_tag: str) -> Plan:
    topic = load_topic()
    positions = [(p.pk, p.get_absolute_url()) for p in topic.positions.order_by("pk")]
    return Plan(topic.get_absolute_url(), positions, seconds, run_tag)


def warm_up() -> None:
    """Every page of the load once, anonymous and signed in, so that the first run does not
    measure cold workers and empty fragment caches."""
    from django.conf import settings

    plan = load_plan(0, "")
    ((_user_id, session),) = signed_in_accounts("load-warmup", 1)
    for signed_in in (False, True):
        browser = Browser(NGINX_PORT)
        if signed_in:
            browser.cookies[settings.SESSION_COOKIE_NAME] = session
        for _ in range(len(APP_PORTS) * 2):
            browser.get(plan.topic_url)
        for _position_id, url in plan.positions:
            browser.get(url)
        browser.close()


def stored_replies(run_tag: str) -> Counter[str]:
    from forum.models import Reply

    texts = Reply.objects.filter(comment__startswith=f"Load reply {run_tag}").values_list(
        "comment", flat=True
    )
    return Counter(text.removeprefix("Load reply ").rstrip(".") for text in texts)


def stored_votes(user_ids: list[int]) -> dict[tuple[int, int], int]:
    from forum.models import Vote

    rows = Vote.objects.filter(voter_id__in=user_ids).values_list(
        "voter_id", "position_id", "value"
    )
    return {(voter, position): value for voter, position, value in rows}


def run_load(
    cluster: Cluster, *, run_tag: str, clients: int, seconds: float, fault: Fault | None = None
) -> Outcome:
    """`clients` new signed-in accounts for `seconds` through nginx, with `fault` on the way;
    then what the database holds of what they wrote."""
    from django.conf import settings
    from django.db import connection

    plan = load_plan(seconds, run_tag)
    accounts = signed_in_accounts(f"load-{run_tag}", clients)
    # The checking process's own connection would not survive a database restart.
    connection.close()
    starting = time.monotonic()
    fault_thread = fault.start(starting) if fault else None
    samples, writes, _started = run_clients(
        accounts, plan, port=NGINX_PORT, session_cookie=settings.SESSION_COOKIE_NAME
    )
    elapsed = time.monotonic() - starting
    if fault_thread:
        fault_thread.join()
    connection.close()
    replies = results.verify_replies(writes, stored_replies(run_tag))
    votes = results.verify_votes(writes, stored_votes([user_id for user_id, _ in accounts]))
    return Outcome(samples, writes, replies, votes, elapsed)


def verdict_lines(outcome: Outcome) -> list[str]:
    """One line per check, with its figure."""
    lines = []
    for kind, verdict, acked in (
        ("replies", outcome.replies, len(outcome.writes.acknowledged_replies)),
        ("votes", outcome.votes, len(outcome.writes.acknowledged_votes)),
    ):
        ok = verdict.missing == 0 and verdict.duplicated == 0
        lines.append(
            f"{'PASS' if ok else 'FAIL'}  acknowledged {kind} in the database exactly once: "
            f"{acked - verdict.missing}/{acked}, {verdict.duplicated} doubled "
            f"(unacknowledged: {verdict.unacknowledged}, of which stored: "
            f"{verdict.unacknowledged_stored})"
        )
    counts = results.status_counts(outcome.samples)
    fives = sum(n for status, n in counts.items() if status >= 500)
    lines.append(
        f"{'PASS' if counts[500] == 0 else 'FAIL'}  no 500: {counts[500]} answers of 500; "
        f"5xx in all: {fives}, retried 503s: {sum(1 for s in outcome.samples if s.retry)}"
    )
    lines += [f"      {line}" for line in results.summary_lines(outcome.samples, outcome.seconds)]
    return lines
