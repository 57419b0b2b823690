"""How soon the site serves again once PostgreSQL is back: a signed-in reader polling a cheap
page that needs the database, every 100 ms, through nginx."""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter

from bench.cluster.launcher import NGINX_PORT
from bench.cluster.web import Browser

POLL_SECONDS = 0.1
GOAL_SECONDS = 5.0
GIVE_UP_SECONDS = 60.0


class RecoveryProbe:
    """Started when the fault begins; `back()` marks the moment the database accepts
    connections again; it stops at the first 2xx/3xx answer after that."""

    def __init__(self, url: str, session_cookie: str, session_key: str) -> None:
        self.url = url
        self.browser = Browser(NGINX_PORT, timeout=10)
        self.browser.cookies[session_cookie] = session_key
        self.statuses: Counter[int] = Counter()
        self.back_at: float | None = None
        self.served_at: float | None = None
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def back(self) -> None:
        self.back_at = time.monotonic()

    def join(self) -> None:
        if self._thread.is_alive():
            self._thread.join()
        self.browser.close()

    def _poll(self) -> None:
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while time.monotonic() < deadline:
            sent = time.monotonic()
            try:
                status = self.browser.get(self.url).status
            except (OSError, http.client.HTTPException):
                status = 0
            self.statuses[status] += 1
            if self.back_at is not None and 200 <= status < 400 and sent >= self.back_at:
                self.served_at = time.monotonic()
                return
            time.sleep(max(0.0, sent + POLL_SECONDS - time.monotonic()))

    def lines(self) -> list[str]:
        shown = dict(sorted(self.statuses.items()))
        if self.back_at is None or self.served_at is None:
            return [f"FAIL  served again after PostgreSQL came back: never ({shown})"]
        seconds = self.served_at - self.back_at
        return [
            f"{'PASS' if seconds <= GOAL_SECONDS else 'FAIL'}  served again through nginx "
            f"{seconds:.2f} s after PostgreSQL accepted connections (goal ≤ {GOAL_SECONDS:.0f} s; "
            f"a signed-in position page polled every {POLL_SECONDS * 1000:.0f} ms: {shown})"
        ]
