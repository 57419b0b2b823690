"""The pages a citizen and a moderator meet, at a phone's and a desktop's width, in both languages.

Each page is photographed into `test-results/screens/` (not committed) so that a person can
look at it, and checked where a person would notice without looking closely:
- axe-core, with WCAG 2.2's target-size rule on: no serious or critical violation;
- reflow (WCAG 1.4.10): at 320 px wide nothing scrolls sideways;
- every link and button outside running text is at least 24 × 24 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from forum.models import Position, Topic, User
from forum.positions.services import position_create
from moderation.models import ModeratedItem
from tests.e2e.conftest import CONSULTATION, e2e_marks, log_in, topic_path
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.factories import UserFactory

pytestmark = e2e_marks()

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screens"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LANGUAGES = {"en": "en-GB", "ko": "ko-KR"}
AXE = Axe()
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

# Links and buttons smaller than 24 × 24 px, except links inside running text, which WCAG
# 2.5.8 exempts ("the size of the target is constrained by the line-height of non-target text").
SMALL_TARGETS = (Path(__file__).parent / "small_targets.js").read_text()
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _held_item() -> ModeratedItem:
    """A new citizen's position held for the phone number in its body, as the queue shows."""
    newcomer = UserFactory(username="newcomer")
    position = position_create(
        author=newcomer,
        topic=(topic := Topic.objects.get(slug="oversight")),
        stance=topic.stances.first(),
        claim="Victims need a hotline that answers at night, staffed by trained counsellors",
        body="Mine is 010-2222-3333, call me to help set it up.",
    )
    return ModeratedItem.objects.get(object_id=position.pk)


def _pages(item: ModeratedItem) -> dict[str, tuple[str, str]]:
    """Name → (path, who looks at it): a visitor, a citizen who has voted, or a moderator."""
    discussed = Position.objects.get(
        topic__slug="compelled-cooperation", author__username="바다소리"
    )
    return {
        "home": ("/", "citizen"),
        "consultation": (f"/consultations/{CONSULTATION}/", "citizen"),
        "topic": (topic_path("compelled-cooperation"), "citizen"),
        "position": (discussed.get_absolute_url(), "citizen"),
        "opinion-map": (topic_path("oversight") + "opinions/", "citizen"),
        "summary": (
            "/consultations/takedown-duty-pilot/topics/takedown-deadline/summary/",
            "citizen",
        ),
        "sign-in": ("/accounts/login/", "visitor"),
        "transparency": ("/moderation/transparency/", "visitor"),
        "search": ("/search/?q=암호화", "visitor"),
        "privacy": ("/privacy/", "visitor"),
        "your-data": ("/accounts/data/", "citizen"),
        "delete-account": ("/accounts/delete/", "citizen"),
        "queue": ("/moderation/queue/", "moderator"),
        "item": (f"/moderation/items/{item.pk}/", "moderator"),
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_photographed_accessible_and_tappable(demo, new_context, language, width):
    item = _held_item()
    people = {
        "visitor": None,
        "citizen": User.objects.get(email="citizen01@agora.example"),
        "moderator": User.objects.get(email="moderator@agora.example"),
    }
    pages = {}
    for role, person in people.items():
        w, h = WIDTHS[width]
        context = new_context(
            locale=LANGUAGES[language], viewport={"width": w, "height": h}, bypass_csp=True
        )
        if person is not None:
            log_in(context, person, demo.url)
        pages[role] = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, (path, role) in _pages(item).items():
        page = pages[role]
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        shot = SHOTS / f"{name}-{language}-{WIDTHS[width][0]}.png"
        page.screenshot(path=str(shot), full_page=True)
        violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            problems.append(f"axe on {name} ({path}):\n{describe(blocking)}")
        if small := page.evaluate(SMALL_TARGETS):
            problems.append(f"targets under 24 px on {name}: {small}")
        page.set_viewport_size({"width": 320, "height": 800})
        if (overflow := page.evaluate(SIDEWAYS)) > 0:
            problems.append(f"{name} scrolls {overflow} px sideways at 320 px wide")
        page.set_viewport_size({"width": WIDTHS[width][0], "height": WIDTHS[width][1]})
    assert not problems, "\n".join(problems)
