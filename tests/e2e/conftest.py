"""Browser fixtures: one Debian Chromium per session, fresh contexts and a page per test.

Each test module sets `pytestmark = e2e_marks()`: the `e2e` marker, and a skip with a reason
where /usr/bin/chromium is absent. Playwright never downloads a browser here: it drives the
system Chromium through `executable_path`.

The live server runs in a thread of this process, so it sees the rows a test commits
(`transactional_db`) and its outgoing mail lands in `django.core.mail.outbox`.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API runs an event loop in the test thread; Django's ORM (fixtures and
# assertions on rows) would otherwise refuse to run there as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Pages render on a local server: anything slower than this is a failure, not a wait.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)

DEMO_PASSWORD = "agora-demo-2026"
CONSULTATION = "encrypted-messengers"
# allauth labels the address "Email:"; accept "E-mail" too.
EMAIL_LABEL = re.compile(r"^E-?mail", re.IGNORECASE)


def e2e_marks() -> list[pytest.MarkDecorator]:
    """Marks for every browser test module: `e2e`, and skipped where there is no Chromium."""
    return [
        pytest.mark.e2e,
        pytest.mark.skipif(
            not CHROMIUM.exists(),
            reason=f"browser tests need Debian's Chromium at {CHROMIUM}, which is absent here",
        ),
    ]


def topic_path(topic: str) -> str:
    return f"/consultations/{CONSULTATION}/topics/{topic}/"


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Make browser contexts (options of `Browser.new_context`), closed after the test.

    Pages of these contexts resolve relative URLs against the live server, and ask for
    English unless given another `locale` (which sets Accept-Language).
    """
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback, live_server):
    """The demo consultation, committed so that the live server thread sees it.

    Serialized rollback puts back what migrations wrote (the Moderators group) after the
    flush that ends each transactional test, so later tests still find it.

    transactional_db empties the tables after each test, and with them the site that the
    migrations named "Agora" (account mail uses its name); name it again first.
    """
    Site.objects.update_or_create(pk=1, defaults={"name": "Agora", "domain": "127.0.0.1"})
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    return live_server


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through allauth's English form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".signed-in-as")).to_be_visible()


def log_in(context, user, base_url: str) -> None:
    """Give a browser context the session of `user`, skipping the sign-in form."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
