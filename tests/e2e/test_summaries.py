"""A summary in a real browser: write with citations, fix a coverage warning, publish, read."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from forum.models import Position, Topic, User
from tests.e2e.conftest import e2e_marks, log_in

pytestmark = e2e_marks()
PILOT = "/consultations/takedown-duty-pilot/topics/takedown-deadline/"
SCREENS = Path(__file__).resolve().parents[2] / "test-results" / "screens"


def _photograph_editor(page, step: str) -> None:
    """For a person to look at (not compared): the editor at a phone's width and a desktop's."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"summary-edit-{step}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def test_a_moderator_writes_and_publishes_a_summary_and_a_visitor_reads_it(demo, new_context):
    topic = Topic.objects.get(slug="takedown-deadline")
    # The demo published the pilot's summary, which nobody may delete (the database refuses):
    # this journey writes a correction, version 2.
    stances = list(topic.stances.order_by("order"))
    cite = {s.key: Position.objects.filter(topic=topic, stance=s).first() for s in stances}
    moderator = new_context()
    log_in(moderator, User.objects.get(email="moderator@agora.example"), demo.url)
    page = moderator.new_page()
    page.goto(PILOT + "summary/edit/")
    expect(page.get_by_role("heading", name="Write summary", level=1)).to_be_visible()
    body = page.get_by_label(re.compile("^Summary \\(Markdown"))
    expect(body).to_have_value(re.compile("## Introduction"))

    # A text that leaves one stance uncited: the coverage check says so.
    first, second = cite[stances[0].key], cite[stances[1].key]
    body.fill(
        "## Introduction\n\nThe pilot asked about a deadline.\n\n"
        f"## Arguments\n\n- Harm grows by the hour [[P{first.pk}]]\n"
        f"- Small services need longer [[P{second.pk}]]\n\n## Method\n\nRead everything.\n"
    )
    page.get_by_role("button", name="Save draft and check").click()
    warning = page.locator(".warnings")
    expect(warning).to_contain_text(f"No position of the stance “{stances[2].label_en}” is cited.")

    # The picker finds the missing stance's position, in place: the words typed meanwhile,
    # not saved yet, stay in the box.
    third = cite[stances[2].key]
    body = page.get_by_label(re.compile("^Summary \\(Markdown"))
    body.fill(body.input_value() + "\n## Doubts\n\n- A clock rewards deleting")
    page.get_by_label("Search this topic's positions").fill(third.claim.split()[1])
    page.locator("#picker-search").click()
    expect(page.locator(".citation-picker")).to_contain_text(f"[[P{third.pk}]]")
    expect(body).to_have_value(re.compile("A clock rewards deleting$"))
    _photograph_editor(page, "search")
    body.fill(body.input_value() + f" [[P{third.pk}]]\n")
    page.get_by_role("button", name="Save draft and check").click()
    expect(page.get_by_text("No warnings: every stance and group is cited.")).to_be_visible()
    page.get_by_label("What this version changes").fill("Cites every stance.")

    # Publishing goes through the preview: the text rendered, citations numbered.
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Preview before publishing").click()
    preview = page.locator(".summary-preview")
    expect(preview).to_contain_text("A clock rewards deleting [3]")
    expect(preview.get_by_role("link", name="[3]")).to_be_visible()
    _photograph_editor(page, "preview")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The summary is published.")

    # A visitor reads it, follows a citation, and downloads the positions as CSV.
    visitor = new_context().new_page()
    visitor.goto(PILOT + "summary/")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Summary")
    expect(visitor.locator(".statistics")).to_contain_text("participants")
    visitor.locator(".prose").get_by_role("link", name="[3]").click()
    expect(visitor).to_have_url(re.compile("#ref-3$"))
    visitor.locator("#ref-3").get_by_role("link").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(third.claim)
    expect(visitor.get_by_text("Cited in the summary")).to_be_visible()
    visitor.goto(PILOT + "summary/")
    with visitor.expect_download() as download:
        visitor.locator(".downloads").get_by_role("link", name="CSV").first.click()
    path = download.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    assert text.startswith("id,pseudonym,stance,claim")
    assert third.claim in text
