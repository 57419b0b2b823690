"""Signed-in clients that read and write through nginx, and anonymous readers, one thread
each, for a bounded time."""

from __future__ import annotations

import http.client
import random
import re
import string
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from bench.cluster.web import Answer, Browser, Form, form_posting_to, forms_of
from bench.load.results import WRITE_DONE, Sample, Writes

# Below the established accounts' limit of 12 contributions (positions and replies) a minute,
# so that a 429 never stands for a write the load meant to make.
CONTRIBUTIONS_PER_MINUTE = 10
RETRY_AFTER_CAP_SECONDS = 5
FAILURE_PAUSE_SECONDS = 1
# The positions a news link sends readers to.
ANONYMOUS_HOT_POSITIONS = 5
FRIENDLY_503_MARKERS = ("Back in a moment", "잠시 후")
# A page's "Report to moderators" links: what the reader may report (never their own).
_REPORT_LINK = re.compile(r'href="(/moderation/report/forum\.(?:position|reply)/\d+/)"')
_STANCE_RADIO = re.compile(r'name="stance" value="(\d+)"')


class ReportBudget:
    """How many more open reports each position or reply may get in this load: one fewer than
    the threshold that hides it (MODERATION_REPORT_THRESHOLD), so that the load's own reports
    never take away the pages the clients read. Shared by every client thread."""

    def __init__(self, open_reports: dict[str, int], threshold: int) -> None:
        self._open = dict(open_reports)
        self._most = threshold - 1
        self._lock = threading.Lock()

    def take(self, report_url: str) -> bool:
        with self._lock:
            if self._open.get(report_url, 0) >= self._most:
                return False
            self._open[report_url] = self._open.get(report_url, 0) + 1
            return True


@dataclass
class Plan:
    """What the clients work on: a topic page, its positions (id, address), where a position
    is posted, and how many reports each thing may still get."""

    topic_url: str
    positions: list[tuple[int, str]]
    seconds: float
    run_tag: str
    new_position_url: str = ""
    reports: ReportBudget = field(default_factory=lambda: ReportBudget({}, 1))


def form_posting_back(html: str, url: str) -> Form | None:
    """A page's own form: one without an action posts to the page's address."""
    return next((f for f in forms_of(html) if f.method == "post" and f.action in ("", url)), None)


def acknowledged(answer: Answer | None) -> bool:
    """A write is done when it redirects, unless to the sign-in page (the session was lost)."""
    return (
        answer is not None
        and answer.status in WRITE_DONE
        and "/accounts/login/" not in answer.location
    )


@dataclass
class Visitor:
    """One person's browser and what it saw."""

    browser: Browser
    plan: Plan
    rng: random.Random
    samples: list[Sample] = field(default_factory=list)

    def _send(self, kind: str, method: str, path: str, form=None) -> Answer | None:
        """One request, and once more after its Retry-After when the answer is a 503 (the
        database was away, so nothing was written: a retry cannot make a write twice)."""
        answer = self._once(kind, method, path, form, retry=False)
        if answer is not None and answer.status == 503:
            wait = answer.headers.get("retry-after", "1")
            time.sleep(min(RETRY_AFTER_CAP_SECONDS, int(wait) if wait.isdigit() else 1))
            answer = self._once(kind, method, path, form, retry=True)
        return answer

    def _once(self, kind, method, path, form, *, retry: bool) -> Answer | None:
        start = time.perf_counter()
        try:
            answer = self.browser.post(path, form) if form else self.browser.get(path)
        except (OSError, http.client.HTTPException):
            # No answer: for a write, unknown whether it was made; never sent again.
            self.samples.append(Sample(kind, 0, time.perf_counter() - start, time.monotonic()))
            return None
        unavailable = answer.status == 503
        self.samples.append(
            Sample(
                kind,
                answer.status,
                answer.seconds,
                time.monotonic(),
                retry,
                cache=answer.headers.get("x-agora-page-cache", ""),
                retry_after=unavailable and "retry-after" in answer.headers,
                friendly=unavailable and any(m in answer.body for m in FRIENDLY_503_MARKERS),
            )
        )
        return answer


@dataclass
class AnonymousReader(Visitor):
    """A reader without an account, from a news link: the topic page and the few positions
    everyone reads, the pages the page cache serves."""

    def run(self, until: float) -> None:
        hot = self.plan.positions[:ANONYMOUS_HOT_POSITIONS]
        turn = 0
        while time.monotonic() < until:
            turn += 1
            url = self.plan.topic_url if turn % 3 == 0 else self.rng.choice(hot)[1]
            page = self._send("anonymous", "GET", url)
            if page is None or page.status >= 500:
                time.sleep(FAILURE_PAUSE_SECONDS)
        self.browser.close()


@dataclass
class Client(Visitor):
    """A signed-in citizen: reads positions, and votes, replies, posts one position on the
    topic and reports what others wrote."""

    user_id: int = 0
    writes: Writes = field(default_factory=Writes)
    _voted: set[int] = field(default_factory=set)
    _reported: set[str] = field(default_factory=set)
    _posted_position: bool = False
    _contributions: deque[float] = field(default_factory=deque)

    def run(self, until: float) -> None:
        positions = self.plan.positions[:]
        self.rng.shuffle(positions)
        turn = 0
        while time.monotonic() < until:
            position_id, url = positions[turn % len(positions)]
            turn += 1
            if turn % 5 == 0:
                self._send("read", "GET", self.plan.topic_url)
            page = self._send("read", "GET", url)
            if page is None or page.status >= 500:
                # A person waits a moment before trying again; a loop would not.
                time.sleep(FAILURE_PAUSE_SECONDS)
                continue
            if page.status != 200 or self.rng.random() < 0.4:
                continue
            self._write(position_id, page)
        self.browser.close()

    def _write(self, position_id: int, page: Answer) -> None:
        chance = self.rng.random()
        if not self._posted_position and chance < 0.1 and self._may_contribute():
            self._post_position()
        elif position_id not in self._voted and chance < 0.55:
            self._vote(position_id, page)
        elif chance < 0.7:
            self._report(page)
        elif self._may_contribute():
            self._reply(page)

    def _marker(self) -> str:
        # Letters only: digits could look like a phone number to the screening rules.
        return self.plan.run_tag + "".join(self.rng.choices(string.ascii_lowercase, k=14))

    def _vote(self, position_id: int, page: Answer) -> None:
        form = form_posting_to(page.body, f"/positions/{position_id}/vote/")
        if form is None:
            return
        value = self.rng.choice((1, -1, 0))
        self._voted.add(position_id)
        answer = self._send("write", "POST", form.action, {**form.fields, "value": str(value)})
        self.writes.record("vote", (self.user_id, position_id, value), done=acknowledged(answer))

    def _reply(self, page: Answer) -> None:
        form = form_posting_to(page.body, "/comments/post/")
        if form is None:
            return
        marker = self._marker()
        fields = {**form.fields, "comment": f"Load reply {marker}.", "post": "1"}
        self._contributions.append(time.monotonic())
        answer = self._send("write", "POST", form.action, fields)
        self.writes.record("reply", marker, done=acknowledged(answer))

    def _post_position(self) -> None:
        self._posted_position = True
        page = self._send("read", "GET", self.plan.new_position_url)
        form = page and form_posting_back(page.body, self.plan.new_position_url)
        stances = _STANCE_RADIO.findall(page.body) if page else []
        if form is None or not stances:
            return
        marker = self._marker()
        fields = {
            **form.fields,
            "stance": self.rng.choice(stances),
            "claim": f"Load position {marker}",
            "body": f"Load position {marker}, argued at some length for the load test.",
        }
        self._contributions.append(time.monotonic())
        answer = self._send("write", "POST", self.plan.new_position_url, fields)
        self.writes.record("position", marker, done=acknowledged(answer))

    def _report(self, page: Answer) -> None:
        """Report someone else's position or reply, with reason "other" and the marker as the
        text it needs; never the same thing twice (a second report is not a new row)."""
        links = [url for url in _REPORT_LINK.findall(page.body) if url not in self._reported]
        if not links:
            return
        url = self.rng.choice(links)
        if not self.plan.reports.take(url):
            return
        self._reported.add(url)
        form_page = self._send("read", "GET", url)
        form = form_page and form_posting_back(form_page.body, url)
        if form is None:
            return
        marker = self._marker()
        fields = {**form.fields, "reason": "other", "text": f"Load report {marker}."}
        answer = self._send("write", "POST", url, fields)
        self.writes.record("report", marker, done=acknowledged(answer))

    def _may_contribute(self) -> bool:
        now = time.monotonic()
        while self._contributions and self._contributions[0] < now - 60:
            self._contributions.popleft()
        return len(self._contributions) < CONTRIBUTIONS_PER_MINUTE


def run_clients(
    accounts: list[tuple[int, str]],
    plan: Plan,
    *,
    port: int,
    session_cookie: str,
    anonymous: int = 0,
    seed: int = 13,
) -> tuple[list[Sample], Writes, float]:
    """Every account as one client thread, and `anonymous` readers, for `plan.seconds`;
    returns what they saw, what they wrote, and when they started (time.monotonic())."""
    visitors: list[Visitor] = []
    for index, (user_id, session_key) in enumerate(accounts):
        browser = Browser(port)
        browser.cookies[session_cookie] = session_key
        rng = random.Random(seed + index)  # noqa: S311 -- a mix, not a secret
        visitors.append(Client(browser, plan, rng, user_id=user_id))
    for index in range(anonymous):
        rng = random.Random(seed - 1 - index)  # noqa: S311 -- a mix, not a secret
        visitors.append(AnonymousReader(Browser(port), plan, rng))
    started = time.monotonic()
    threads = [
        threading.Thread(target=v.run, args=(started + plan.seconds,), daemon=True)
        for v in visitors
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples: list[Sample] = []
    writes = Writes()
    for visitor in visitors:
        samples += visitor.samples
        if isinstance(visitor, Client):
            writes.merge(visitor.writes)
    return samples, writes, started
