"""`make cluster-check`: what two app servers must keep true, one line per check."""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from bench.cluster.accounts import django_ready, signed_in_accounts
from bench.cluster.launcher import APP_PORTS, Cluster
from bench.cluster.web import Browser, form_posting_to

FIRST, SECOND = APP_PORTS
PAGE_CACHE_HEADER = "x-agora-page-cache"


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.name}: {self.detail}"


class CheckFailed(Exception):
    pass


def expect(condition: bool, detail: str) -> None:
    if not condition:
        raise CheckFailed(detail)


def _citizen_browser() -> tuple[Browser, str]:
    """A demo citizen signed in with the allauth form, through the first server."""
    from forum import demo_content
    from forum.management.commands.seed_demo import DEMO_PASSWORD

    citizen = demo_content.CITIZENS[0]
    browser = Browser(FIRST, as_proxy=True)
    page = browser.get("/accounts/login/")
    form = form_posting_to(page.body, "/accounts/login/")
    expect(page.status == 200 and form is not None, f"sign-in page answered {page.status}")
    fields = {**form.fields, "login": citizen["email"], "password": DEMO_PASSWORD}
    answer = browser.post("/accounts/login/", fields)
    expect(
        answer.status == 302 and "sessionid" in browser.cookies,
        f"sign-in answered {answer.status}, session cookie {'sessionid' in browser.cookies}",
    )
    return browser, citizen["pseudonym"]


def check_sign_in_is_shared(state: dict) -> str:
    browser, pseudonym = _citizen_browser()
    state["citizen"] = browser
    page = browser.get("/accounts/preferences/", port=SECOND)
    expect(page.status == 200, f"preferences on {SECOND} answered {page.status} {page.location}")
    expect(pseudonym in page.body, f"preferences on {SECOND} do not show the pseudonym")
    return f"signed in on {FIRST} (302), preferences on {SECOND} answer 200 as that citizen"


def _votes_shown(body: str) -> dict[str, int]:
    return {
        kind: int(number)
        for kind, number in re.findall(r'data-count="(agree|disagree|pass)">\w+ (\d+)<', body)
    }


def _pressed(body: str) -> str | None:
    found = re.search(r'name="value" value="(-?\d)" class="[^"]*" aria-pressed="true"', body)
    return found.group(1) if found else None


def check_vote_is_seen_on_the_other(state: dict) -> str:
    from forum.models import User

    browser: Browser = state["citizen"]
    citizen = User.objects.get(username=_citizen_pseudonym())
    position = _demo_positions().exclude(author=citizen).order_by("pk").first()
    url = position.get_absolute_url()
    before = browser.get(url, port=SECOND)
    value = "-1" if _pressed(before.body) == "1" else "1"
    kind = "agree" if value == "1" else "disagree"
    page = browser.get(url, port=FIRST)
    form = form_posting_to(page.body, f"/positions/{position.pk}/vote/")
    expect(form is not None, f"no vote form on position {position.pk}")
    voted = browser.post(form.action, {**form.fields, "value": value}, port=FIRST)
    expect(voted.status == 302, f"vote on {FIRST} answered {voted.status}")
    after = browser.get(url, port=SECOND)
    counts_before, counts_after = _votes_shown(before.body), _votes_shown(after.body)
    expect(_pressed(after.body) == value, f"{SECOND} does not show the vote as cast")
    expect(
        counts_after.get(kind) == counts_before.get(kind, 0) + 1,
        f"{kind} on {SECOND}: {counts_before.get(kind)} before, {counts_after.get(kind)} after",
    )
    return (
        f"{kind} on {FIRST}; {SECOND} shows it pressed and {kind} "
        f"{counts_before[kind]} → {counts_after[kind]}"
    )


def _citizen_pseudonym() -> str:
    from forum import demo_content

    return demo_content.CITIZENS[0]["pseudonym"]


def _demo_positions():
    """Published positions of the demo's open consultation (not the load's topic)."""
    from forum import demo_content
    from forum.models import Position

    return Position.objects.filter(
        topic__consultation__slug=demo_content.CONSULTATION["slug"],
        moderation_status="visible",
    )


def _anonymous_read(url: str, port: int) -> tuple[str, str]:
    """Whether an anonymous reader (no cookie at all) sees the page, and its cache header."""
    page = Browser(port, as_proxy=True).get(url)
    expect(page.status == 200, f"{url} on {port} answered {page.status}")
    return page.body, page.headers.get(PAGE_CACHE_HEADER, "")


def check_hidden_is_gone(state: dict) -> str:
    """The page cache (when there is one) serves the position and its topic page; the hide
    must reach both servers' very next anonymous answer anyway."""
    from forum.management.commands.seed_demo import MODERATOR
    from forum.models import User
    from moderation import services
    from moderation.models import Reason

    position = _demo_positions().select_related("topic").order_by("-pk").first()
    claim = html.escape(position.claim)
    urls = [position.get_absolute_url(), position.topic.get_absolute_url()]
    watched, headers = [], []
    for url in urls:
        for port in APP_PORTS:
            _anonymous_read(url, port)  # the first read fills the cache
            body, header = _anonymous_read(url, port)
            expect(header in ("", "hit"), f"second read of {url} on {port}: cache {header}")
            if claim in body:
                watched.append((url, port))
                headers.append(header or "no header")
    expect(len(watched) >= 2, "the claim is not on the position page before the hide")
    moderator = User.objects.get(username=MODERATOR["pseudonym"])
    item = services.item_open(moderator=moderator, content=position)
    services.item_act(moderator=moderator, item=item, action="hide", reason=Reason.OFF_TOPIC)
    for url, port in watched:
        body, _header = _anonymous_read(url, port)
        expect(claim not in body, f"the hidden claim is still on {url} from {port}")
    return (
        f"{len(watched)} pages read twice anonymously (position and topic, both servers; "
        f"page cache: {', '.join(sorted(set(headers)))}); after the hide no claim on any"
    )


def check_rate_limit_across_servers(state: dict) -> str:
    """A new account may post 2 replies a minute; the third, on the other server, is refused."""
    from django.conf import settings

    _user_id, session = signed_in_accounts("cluster-new", 1, established=False)[0]
    browser = Browser(FIRST, as_proxy=True)
    browser.cookies[settings.SESSION_COOKIE_NAME] = session
    position = _demo_positions().order_by("pk").first()
    statuses = []
    for attempt in range(3):
        port = APP_PORTS[attempt % 2]
        page = browser.get(position.get_absolute_url(), port=port)
        form = form_posting_to(page.body, "/comments/post/")
        expect(form is not None, f"no reply form on {port} ({page.status})")
        fields = {**form.fields, "comment": f"Rate limit check {attempt}.", "post": "1"}
        statuses.append(browser.post(form.action, fields, port=port).status)
    limit = settings.MODERATION_RATE_LIMITS["new"][0][1]
    expect(statuses == [302] * limit + [429], f"answers {statuses}")
    ports = ", ".join(str(APP_PORTS[i % 2]) for i in range(3))
    return f"3 replies of a new account on {ports}: {statuses} (limit {limit} a minute)"


def check_sign_in_failures_across_servers(state: dict) -> str:
    """allauth's failed sign-in limit (5 per account in 5 minutes) is kept in Redis."""
    browser = Browser(FIRST, as_proxy=True)
    refused_at = None
    for attempt in range(1, 8):
        port = APP_PORTS[attempt % 2]
        page = browser.get("/accounts/login/", port=port)
        form = form_posting_to(page.body, "/accounts/login/")
        fields = {**form.fields, "login": "nobody@load.invalid", "password": "wrong-password"}
        answer = browser.post("/accounts/login/", fields, port=port)
        if answer.status == 429 or "Too many failed" in answer.body:
            refused_at = attempt
            break
    expect(refused_at is not None, "7 failed sign-ins on alternating servers were never limited")
    return f"failed sign-ins alternating servers: refused at attempt {refused_at}"


CHECKS: list[tuple[str, Callable[[dict], str]]] = [
    ("signed in on one server, signed in on the other", check_sign_in_is_shared),
    ("a vote cast on one server is counted on the other", check_vote_is_seen_on_the_other),
    ("a hidden position is gone from both servers' next page", check_hidden_is_gone),
    ("the contribution rate limit counts across servers", check_rate_limit_across_servers),
    ("the sign-in failure limit counts across servers", check_sign_in_failures_across_servers),
]


def run_all(cluster: Cluster) -> bool:
    django_ready(cluster)
    from bench.cluster import failover

    state: dict = {}
    outcomes = []
    for name, check in [*CHECKS, (failover.NAME, lambda state: failover.check(cluster))]:
        try:
            outcome = Outcome(name, True, check(state))
        except CheckFailed as failure:
            outcome = Outcome(name, False, str(failure))
        except Exception as error:  # a check that crashes is a failed check, with its cause
            traceback.print_exc()
            outcome = Outcome(name, False, f"{type(error).__name__}: {error}")
        print(outcome.line(), flush=True)
        outcomes.append(outcome)
    return all(outcome.passed for outcome in outcomes)
