"""axe-core on every kind of page, in English and in Korean: no serious or critical violation.

Colour contrast is one of axe's rules, so it is checked too. The site sends a strict
Content-Security-Policy; the contexts here bypass it only so that axe can inject its script.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from forum.models import Position, User
from tests.e2e.conftest import e2e_marks, log_in, topic_path

pytestmark = e2e_marks()

BLOCKING = {"serious", "critical"}
AXE = Axe()


def _demo_position_path() -> str:
    position = Position.objects.get(
        topic__slug="compelled-cooperation", author__username="nightbus"
    )
    return position.get_absolute_url()


# Home, consultation, topic, the position with a discussion, the opinion map, the summary,
# transparency, sign-in, the queue and an item page are checked at two widths in both
# languages by test_screens.py; these are the other kinds of page.
PAGES = {
    "topic filtered by stance": lambda: topic_path("compelled-cooperation") + "?stance=strict-duty",
    "position": _demo_position_path,
    "sign-up": lambda: "/accounts/signup/",
    "password reset": lambda: "/accounts/password/reset/",
    "a page that is not there": lambda: "/consultations/no-such-consultation/",
}
LANGUAGES = {"en": "en-GB", "ko": "ko-KR"}


def describe(violations: list[dict]) -> str:
    """One paragraph per violation: what it is, how bad, and where to look first."""
    lines = []
    for violation in violations:
        first = violation["nodes"][0]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(violation['nodes'])} node(s)] {violation['helpUrl']}\n"
            f"    first node target: {json.dumps(first['target'], ensure_ascii=False)}\n"
            f"    first node html:   {first['html']}\n"
            f"    {first.get('failureSummary', '').replace(chr(10), chr(10) + '    ')}"
        )
    return "\n".join(lines)


def assert_no_blocking_violations(page, where: str) -> None:
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe found serious/critical violations on {where}:\n" + describe(blocking)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(demo, new_context, name, language):
    page = new_context(locale=LANGUAGES[language], bypass_csp=True).new_page()
    path = PAGES[name]()
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_blocking_violations(page, f"the {name} page ({language}, {path})")


@pytest.mark.parametrize("language", LANGUAGES)
def test_position_form_has_no_serious_accessibility_violation(demo, new_context, language):
    """The form a signed-in citizen fills, with its error messages showing."""
    context = new_context(locale=LANGUAGES[language], bypass_csp=True)
    log_in(context, User.objects.get(email="citizen01@agora.example"), demo.url)
    page = context.new_page()
    path = topic_path("oversight") + "positions/new/"
    page.goto(path)
    expect(page.locator(".signed-in-as")).to_be_visible()
    assert_no_blocking_violations(page, f"the position form ({language}, {path})")
    page.locator("main form button[type=submit]").first.click()  # publish, not preview
    expect(page.locator("main .errorlist").first).to_be_visible()
    assert_no_blocking_violations(page, f"the position form with errors ({language}, {path})")


@pytest.mark.parametrize("language", LANGUAGES)
def test_discussion_and_reply_form_have_no_serious_accessibility_violation(
    demo, new_context, language
):
    """A signed-in citizen's view of a discussion, its reply form, and the form's errors."""
    context = new_context(locale=LANGUAGES[language], bypass_csp=True)
    log_in(context, User.objects.get(email="citizen05@agora.example"), demo.url)
    page = context.new_page()
    path = Position.objects.get(
        topic__slug="compelled-cooperation", author__username="바다소리"
    ).get_absolute_url()
    page.goto(path)
    expect(page.locator("form.reply-form")).to_be_visible()
    assert_no_blocking_violations(page, f"a discussion, signed in ({language}, {path})")
    page.locator("form.reply-form button[name=post]").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    assert_no_blocking_violations(page, f"the reply form with errors ({language})")
