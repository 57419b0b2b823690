"""Signed-in clients that read and write through nginx, one thread each, for a bounded time."""

from __future__ import annotations

import http.client
import random
import string
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from bench.cluster.web import Answer, Browser, form_posting_to
from bench.load.results import ACKNOWLEDGED, Sample, Writes

# Below the established accounts' limit of 12 contributions a minute, so that a 429 never
# stands for a write the load meant to make.
REPLIES_PER_MINUTE = 10
RETRY_AFTER_CAP_SECONDS = 5
FAILURE_PAUSE_SECONDS = 1


@dataclass
class Plan:
    """What the clients work on: a topic page and its positions (id, address)."""

    topic_url: str
    positions: list[tuple[int, str]]
    seconds: float
    run_tag: str


@dataclass
class Client:
    user_id: int
    browser: Browser
    plan: Plan
    rng: random.Random
    samples: list[Sample] = field(default_factory=list)
    writes: Writes = field(default_factory=Writes)
    _voted: set[int] = field(default_factory=set)
    _replies: deque[float] = field(default_factory=deque)

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
            if position_id not in self._voted and self.rng.random() < 0.5:
                self._vote(position_id, page)
            elif self._may_reply():
                self._reply(page)
        self.browser.close()

    def _vote(self, position_id: int, page: Answer) -> None:
        form = form_posting_to(page.body, f"/positions/{position_id}/vote/")
        if form is None:
            return
        value = self.rng.choice((1, -1, 0))
        self._voted.add(position_id)
        answer = self._send("write", "POST", form.action, {**form.fields, "value": str(value)})
        done = answer is not None and answer.status in ACKNOWLEDGED
        key = (self.user_id, position_id, value)
        (self.writes.acknowledged_votes if done else self.writes.unacknowledged_votes).add(key)

    def _reply(self, page: Answer) -> None:
        form = form_posting_to(page.body, "/comments/post/")
        if form is None:
            return
        # Letters only: digits could look like a phone number to the screening rules.
        marker = self.plan.run_tag + "".join(self.rng.choices(string.ascii_lowercase, k=14))
        fields = {**form.fields, "comment": f"Load reply {marker}.", "post": "1"}
        self._replies.append(time.monotonic())
        answer = self._send("write", "POST", form.action, fields)
        done = answer is not None and answer.status in ACKNOWLEDGED
        (self.writes.acknowledged_replies if done else self.writes.unacknowledged_replies).add(
            marker
        )

    def _may_reply(self) -> bool:
        now = time.monotonic()
        while self._replies and self._replies[0] < now - 60:
            self._replies.popleft()
        return len(self._replies) < REPLIES_PER_MINUTE

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
        self.samples.append(Sample(kind, answer.status, answer.seconds, time.monotonic(), retry))
        return answer


def run_clients(
    accounts: list[tuple[int, str]], plan: Plan, *, port: int, session_cookie: str, seed: int = 13
) -> tuple[list[Sample], Writes, float]:
    """Every account as one client thread for `plan.seconds`; returns what they saw, what they
    wrote, and when the clients started (time.monotonic())."""
    clients = []
    for index, (user_id, session_key) in enumerate(accounts):
        browser = Browser(port)
        browser.cookies[session_cookie] = session_key
        clients.append(Client(user_id, browser, plan, random.Random(seed + index)))  # noqa: S311 -- a mix
    started = time.monotonic()
    threads = [
        threading.Thread(target=c.run, args=(started + plan.seconds,), daemon=True) for c in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples: list[Sample] = []
    writes = Writes()
    for client in clients:
        samples += client.samples
        writes.merge(client.writes)
    return samples, writes, started
