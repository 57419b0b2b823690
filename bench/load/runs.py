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
from bench.load.clients import Plan, ReportBudget, run_clients

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
    plan: Plan
    samples: list[results.Sample]
    writes: results.Writes
    verdicts: dict[str, results.Verdict]
    seconds: float

    @property
    def replies(self) -> results.Verdict:
        return self.verdicts["reply"]

    @property
    def votes(self) -> results.Verdict:
        return self.verdicts["vote"]


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
    """The topic's positions as they are when the run starts (those the run posts are read
    by the checks afterwards, not by the clients)."""
    from django.conf import settings
    from django.urls import reverse

    topic = load_topic()
    positions = [(p.pk, p.get_absolute_url()) for p in topic.positions.order_by("pk")]
    new_position = reverse("forum:position_create", args=[topic.consultation.slug, topic.slug])
    budget = ReportBudget(open_reports(), settings.MODERATION_REPORT_THRESHOLD)
    return Plan(topic.get_absolute_url(), positions, seconds, run_tag, new_position, budget)


def open_reports() -> dict[str, int]:
    """Open reports so far, by the address a citizen reports the thing at."""
    from django.db.models import Count
    from django.urls import reverse

    from moderation.models import Report

    rows = (
        Report.objects.open()
        .values_list(
            "item__content_type__app_label", "item__content_type__model", "item__object_id"
        )
        .annotate(n=Count("pk"))
    )
    return {
        reverse("moderation:report", args=[f"{app}.{model}", object_id]): n
        for app, model, object_id, n in rows
    }


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


def stored_positions(run_tag: str) -> Counter[str]:
    from forum.models import Position

    claims = Position.objects.filter(claim__startswith=f"Load position {run_tag}").values_list(
        "claim", flat=True
    )
    return Counter(claim.removeprefix("Load position ") for claim in claims)


def stored_reports(run_tag: str) -> Counter[str]:
    from moderation.models import Report

    texts = Report.objects.filter(text__startswith=f"Load report {run_tag}").values_list(
        "text", flat=True
    )
    return Counter(text.removeprefix("Load report ").rstrip(".") for text in texts)


def stored_votes(user_ids: list[int]) -> dict[tuple[int, int], int]:
    from forum.models import Vote

    rows = Vote.objects.filter(voter_id__in=user_ids).values_list(
        "voter_id", "position_id", "value"
    )
    return {(voter, position): value for voter, position, value in rows}


def run_load(
    cluster: Cluster,
    *,
    run_tag: str,
    clients: int,
    seconds: float,
    fault: Fault | None = None,
    anonymous: int = 0,
) -> Outcome:
    """`clients` new signed-in accounts and `anonymous` readers for `seconds` through nginx,
    with `fault` on the way; then what the database holds of what they wrote."""
    from django.conf import settings
    from django.db import connection

    plan = load_plan(seconds, run_tag)
    accounts = signed_in_accounts(f"load-{run_tag}", clients)
    # The checking process's own connection would not survive a database restart.
    connection.close()
    starting = time.monotonic()
    fault_thread = fault.start(starting) if fault else None
    samples, writes, _started = run_clients(
        accounts,
        plan,
        port=NGINX_PORT,
        session_cookie=settings.SESSION_COOKIE_NAME,
        anonymous=anonymous,
    )
    elapsed = time.monotonic() - starting
    if fault_thread:
        fault_thread.join()
    connection.close()
    verdicts = {
        "vote": results.verify_votes(writes, stored_votes([user_id for user_id, _ in accounts])),
        "reply": results.verify_marked(writes, "reply", stored_replies(run_tag)),
        "position": results.verify_marked(writes, "position", stored_positions(run_tag)),
        "report": results.verify_marked(writes, "report", stored_reports(run_tag)),
    }
    return Outcome(plan, samples, writes, verdicts, elapsed)


def verdict_lines(outcome: Outcome) -> list[str]:
    """One line per check, with its figure."""
    lines = []
    for kind, verdict in outcome.verdicts.items():
        lines.append(
            f"{'PASS' if verdict.passed else 'FAIL'}  acknowledged {kind} writes in the database "
            f"exactly once: {verdict.acknowledged - verdict.missing}/{verdict.acknowledged}, "
            f"{verdict.duplicated} doubled (unacknowledged: {verdict.unacknowledged})"
        )
    stored = sum(v.unacknowledged_stored for v in outcome.verdicts.values())
    unanswered = sum(v.unacknowledged for v in outcome.verdicts.values())
    by_kind = ", ".join(f"{k} {v.unacknowledged_stored}" for k, v in outcome.verdicts.items())
    lines.append(
        f"      stored though unacknowledged: {stored} of {unanswered} ({by_kind}): "
        "committed, but the answer never reached the client (see README)"
    )
    counts = results.status_counts(outcome.samples)
    fives = sum(n for status, n in counts.items() if status >= 500)
    lines.append(
        f"{'PASS' if counts[500] == 0 else 'FAIL'}  no 500: {counts[500]} answers of 500; "
        f"5xx in all: {fives}, retried 503s: {sum(1 for s in outcome.samples if s.retry)}"
    )
    if counts[503]:
        lines += results.unavailable_lines(outcome.samples)
    lines += [f"      {line}" for line in results.summary_lines(outcome.samples, outcome.seconds)]
    return lines
