"""The visibility matrix's machinery: its world, built once, and a checker that makes one
role's requests, each in a savepoint that is rolled back, and collects what goes wrong."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.utils import translation
from django_comments.models import CommentFlag

from forum.models import (
    Citation,
    Consultation,
    DiscussionFollow,
    Position,
    PositionRevision,
    Reply,
    Stance,
    Summary,
    SummaryVersion,
    Topic,
    User,
    Vote,
)
from moderation.models import (
    Appeal,
    ModeratedItem,
    ModerationAction,
    Notice,
    Report,
    Sanction,
)
from tests.security.matrix_world import (
    ADMIN,
    VISITOR,
    Target,
    World,
    build_world,
    may_read,
    may_view,
    write_must_be_refused,
)

# Answers that refuse without naming anything, and where signing in starts.
REFUSALS = frozenset({400, 403, 404, 405})
SIGN_IN = ("/accounts/login/", "/admin/login/")

# The tables no GET, and no refused POST, may change.
WATCHED: list[type[Model]] = [
    Vote,
    Reply,
    DiscussionFollow,
    CommentFlag,
    Position,
    PositionRevision,
    Report,
    Appeal,
    ModeratedItem,
    ModerationAction,
    Notice,
    Sanction,
    Summary,
    SummaryVersion,
    Citation,
    Consultation,
    Topic,
    Stance,
    User,
    EmailAddress,
]


# The world ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """Built once for the module inside a transaction that is rolled back at the end, so
    that the rest of the suite never sees it (the moderation log cannot be deleted)."""
    media_root = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("en"), override_settings(MEDIA_ROOT=media_root):
                built = build_world(media_root)
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def _world_media(_media, settings, world):
    """The ZIPs the world stored are served from its media folder, not the test's own."""
    settings.MEDIA_ROOT = world.media_root


@pytest.fixture
def _quiet_requests():
    """Thousands of 403s and 404s are the point here; their log lines are noise."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    yield
    logger.setLevel(level)


@pytest.fixture
def matrix(world, db, _world_media, _quiet_requests) -> Callable[[str], Checker]:
    """A checker for a role, signed in with the session the world made for it."""

    def checker(role: str) -> Checker:
        client = Client(raise_request_exception=False)
        if role != VISITOR:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
        return Checker(world, role, client)

    return checker


# Making a request and checking the answer --------------------------------------------------

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_TABLES = {
    table: model
    for model in WATCHED
    for table in [model._meta.db_table, *(p._meta.db_table for p in model._meta.get_parent_list())]
}


class _WriteWatch:
    """Which watched tables a request wrote rows of (only those can have changed)."""

    def __init__(self) -> None:
        self.models: set[type[Model]] = set()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = _WRITE.match(sql)
        if match is None:
            if re.match(r"^\s*(WITH|REPLACE|MERGE)\b", sql, re.IGNORECASE):
                self.models.update(WATCHED)  # a write this cannot parse: compare everything
            return result
        model = _TABLES.get(match.group(1))
        # An INSERT … RETURNING has no row count before its rows are read: always compare.
        inserts = sql.lstrip()[:6].upper() == "INSERT"
        if model and (inserts or getattr(context["cursor"], "rowcount", -1) != 0):
            self.models.add(model)
        return result


def _snapshot(models) -> dict[str, dict]:
    """Each row of each model, by primary key, as a digest of all its values."""
    state = {}
    for model in models:
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values_list("pk", *fields)
        state[model._meta.label] = {
            row[0]: hashlib.sha256(repr(row).encode()).digest() for row in rows
        }
    return state


def _changes(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    changes = []
    for label, rows in sorted(after.items()):
        old = before[label]
        added = len(rows.keys() - old.keys())
        removed = len(old.keys() - rows.keys())
        changed = sum(1 for pk in rows.keys() & old.keys() if rows[pk] != old[pk])
        counts = [f"+{added}" * bool(added), f"-{removed}" * bool(removed)]
        counts.append(f"~{changed}" * bool(changed))
        if any(counts):
            changes.append(f"{label} ({' '.join(c for c in counts if c)})")
    return changes


def _body(response) -> str:
    """The whole answer as text: streamed bodies joined, ZIP members unpacked, and the
    headers that can carry text (where a redirect goes, a download's name).

    The test client closes the response once its stream is read (closing it again would send
    request_finished, which closes the database connection inside the test's transaction)."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [response.get("Location", ""), response.get("Content-Disposition", "")]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                parts += [name, archive.read(name).decode("utf-8", "replace")]
    else:
        parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def _signs_in(response) -> bool:
    return response.status_code in (301, 302, 303) and response["Location"].startswith(SIGN_IN)


def _local_redirect(response) -> str | None:
    """Where a redirect within the site goes (None for others and for signing in)."""
    if response.status_code not in (301, 302, 303, 307, 308) or _signs_in(response):
        return None
    location = response["Location"]
    return location if location.startswith("/") else None


def _any_of(texts: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, texts)) or r"(?!)")


class Checker:
    """Makes one role's requests and collects everything that goes wrong."""

    def __init__(self, world: World, role: str, client: Client) -> None:
        self.role = role
        self.client = client
        user = world.users.get(role)
        forbidden = [m for m, c in world.markers.items() if not may_read(role, c)]
        emails = [p.email for p in world.people.values() if user is None or p.pk != user.pk]
        # One pass over each body: no marker or address is part of another.
        self.forbidden = _any_of(forbidden)
        self.emails = _any_of(emails)
        self.before: dict[str, dict] = {}  # the world as this test found it, table by table
        self.violations: list[str] = []

    def request(self, method: str, target: Target, *, compare: bool = False) -> list[str]:
        """Make the request in a savepoint that is rolled back, check the answer, and return
        what it changed (compared only where a change would be wrong, or when asked)."""
        where = f"{method} {target.url} as {self.role}"
        unseen = [c for c in target.about if not may_view(self.role, c)]
        refused = "it is a GET" if method == "GET" else write_must_be_refused(self.role, target)
        cookies = {key: morsel.value for key, morsel in self.client.cookies.items()}
        watch = _WriteWatch()
        landing = None
        with transaction.atomic():
            with connection.execute_wrapper(watch):
                if method == "GET":
                    response = self.client.get(target.url)
                else:
                    response = self.client.post(target.url, target.data or {})
                try:
                    body = _body(response)
                except Exception as error:
                    body = ""
                    self.violations.append(f"{where}: the body fails to stream: {error!r}")
            after = _snapshot(watch.models) if (refused or compare) and watch.models else {}
            if unseen and (location := _local_redirect(response)):
                landing = (location, self.client.get(location))
                _body(landing[1])
            transaction.set_rollback(True)
        # Cookies too: a sign-out, a language or a message must not carry over to the next.
        self.client.cookies = SimpleCookie(cookies)
        # Rolled back, the database is again as the request found it.
        missing = [m for m in watch.models if m._meta.label not in self.before] if after else []
        self.before.update(_snapshot(missing))
        changes = _changes(self.before, after)
        self._check(where, method, target, response, body, unseen, landing)
        if changes and refused:
            self.violations.append(f"{where}: changes {', '.join(changes)}, but {refused}")
        return changes

    def _check(self, where, method, target, response, body, unseen, landing) -> None:
        status = response.status_code
        add = self.violations.append
        if status >= 500:
            error = getattr(response, "exc_info", None)
            add(f"{where}: answers {status}" + (f" ({error[1]!r})" if error else ""))
        shown = sorted(set(self.forbidden.findall(body)))
        if shown:
            add(f"{where}: shows {', '.join(shown)}")
        # The Django admin is where the superuser manages accounts (allauth's addresses).
        exempt = self.role == ADMIN and target.url.startswith("/admin/")
        emails = [] if exempt else sorted(set(self.emails.findall(body)))
        if emails:
            add(f"{where}: shows the e-mail address {', '.join(emails)}")
        if unseen and status not in REFUSALS and not _signs_in(response):
            answer = f"answers {status}"
            if landing is not None:
                if landing[1].status_code in REFUSALS or _signs_in(landing[1]):
                    answer = ""
                elif target.url.startswith("/admin/") and (
                    landing[0] == "/admin/"
                    or (landing[0].startswith("/admin/") and landing[1].status_code == 302)
                ):
                    # Django's admin answers an object it cannot find (a missing id, or one
                    # its queryset leaves out) with a redirect to its index and a message
                    # that names no content: the same as for an id that does not exist.
                    answer = ""
                else:
                    answer += f" to {landing[0]}, which answers {landing[1].status_code}"
            if answer:
                add(f"{where}: {answer}, but {self.role} may not see {unseen[0]} (want 404)")
        if method == "GET" and not unseen:
            if target.expect_ok and status not in (200, 500):  # a 500 is told already
                add(f"{where}: answers {status}, want 200")
            missing = [m for m in target.expect if m not in body] if status == 200 else []
            if missing:
                add(f"{where}: does not show {', '.join(missing)}, which must stay readable")
