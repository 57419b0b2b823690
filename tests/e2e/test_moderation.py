"""Moderation in a real browser: screening, the queue, reports, an appeal, transparency."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from forum.models import Position, User
from moderation.models import ModeratedItem, ModerationStatus
from tests.e2e.conftest import e2e_marks, log_in, topic_path
from tests.factories import UserFactory

pytestmark = e2e_marks()


# Each action's reason list is labelled for it: "Reason for approving (shown publicly)".
_REASON_LABEL = {
    "Approve": "approving",
    "Hide": "hiding",
    "Remove": "removing",
    "Restore": "restoring",
    "Dismiss reports": "dismissing the reports",
}


def _decide(page, *, action: str, reason: str) -> None:
    page.get_by_role("link", name=re.compile(r"^Review (position|reply) ")).first.click()
    expect(page.locator(".mod-content-body")).to_be_visible()
    page.get_by_label(f"Reason for {_REASON_LABEL[action]} (shown publicly)").select_option(
        label=reason
    )
    page.get_by_role("button", name=action, exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Done. The author is told.")


def test_screening_reports_appeal_and_transparency(demo, new_context):
    newcomer = UserFactory(username="newcomer")
    moderator = User.objects.get(email="moderator@agora.example")

    # A new citizen posts a position with a phone number in it: it is held, and says why.
    author = new_context()
    log_in(author, newcomer, demo.url)
    page = author.new_page()
    page.goto(topic_path("oversight") + "positions/new/")
    page.get_by_role("radio").first.check()
    page.get_by_label("Claim").fill("Victims need a hotline that answers at night.")
    page.get_by_label("Argument (Markdown)").fill(
        "Mine is 010-2222-3333, call me to help set it up."
    )
    page.get_by_role("button", name="Publish position").click()
    expect(page.locator(".moderation-notice")).to_contain_text("Awaiting a moderator’s review.")
    expect(page.locator(".moderation-notice")).to_contain_text("phone number")
    held = Position.objects.get(author=newcomer)
    assert held.moderation_status == ModerationStatus.HELD
    visitor = new_context().new_page()
    assert visitor.goto(held.get_absolute_url()).status == 404

    # The moderator approves it from the queue.
    mod_context = new_context()
    log_in(mod_context, moderator, demo.url)
    queue = mod_context.new_page()
    queue.goto("/moderation/queue/")
    expect(queue.get_by_text("Victims need a hotline that answers at night.")).to_be_visible()
    expect(queue.locator("main")).to_contain_text("Phone number")
    expect(queue.locator("main")).not_to_contain_text("phone_number")
    # The item page shows the body, where the phone number is, and only what applies.
    queue.get_by_role("link", name=re.compile(r"^Review (position|reply) ")).first.click()
    expect(queue.locator(".mod-content-body")).to_contain_text("010-2222-3333")
    expect(queue.get_by_role("button", name="Restore", exact=True)).to_have_count(0)
    queue.go_back()
    _decide(queue, action="Approve", reason="within the participation rules")
    assert visitor.goto(held.get_absolute_url()).status == 200

    # Three citizens report another position: it is hidden, with the reason shown.
    target = Position.objects.get(topic__slug="oversight", author__username="nightbus")
    for number in (1, 2, 3):
        reporter = new_context()
        log_in(reporter, User.objects.get(email=f"citizen{number:02d}@agora.example"), demo.url)
        report = reporter.new_page()
        report.goto(target.get_absolute_url())
        report.get_by_role("link", name="Report to moderators").click()
        report.get_by_role("radio", name="off-topic").check()
        report.get_by_role("button", name="Send report").click()
        expect(report.get_by_role("status")).to_contain_text("Thank you.")
    visitor.goto(topic_path("oversight"))
    expect(
        visitor.get_by_text("Hidden until a moderator reviews it: several citizens reported it.")
    ).to_be_visible()
    expect(visitor.get_by_text(target.claim)).to_have_count(0)

    # The moderator removes it; its author appeals; the moderator restores it.
    queue.goto("/moderation/queue/")
    _decide(queue, action="Remove", reason="off-topic")
    visitor.goto(target.get_absolute_url())
    expect(visitor.locator("main")).to_contain_text("Removed by a moderator: off-topic.")
    owner = new_context()
    log_in(owner, target.author, demo.url)
    notices = owner.new_page()
    notices.goto("/moderation/notices/")
    notices.get_by_role("link", name="Appeal this decision").first.click()
    notices.get_by_label("Why should moderators look again?").fill("It answers the question asked.")
    notices.get_by_role("button", name="Send appeal").click()
    expect(notices.get_by_role("status")).to_contain_text("Your appeal is with the moderators.")
    queue.goto("/moderation/queue/")
    expect(queue.get_by_text("It answers the question asked.")).to_be_visible()
    _decide(queue, action="Restore", reason="within the participation rules")
    visitor.goto(target.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(target.claim)
    item = ModeratedItem.objects.get(object_id=target.pk, content_type__model="position")
    assert item.appeal.outcome == "upheld"

    # The transparency page counts all of it, without names.
    visitor.goto("/moderation/transparency/")
    table = visitor.locator("table").first
    for label in (
        "held by screening",
        "approved",
        "hidden after reports",
        "removed",
        "restored",
        "appeal upheld",
    ):
        expect(table).to_contain_text(label)
    expect(visitor.locator("main")).not_to_contain_text("newcomer")
    expect(visitor.locator("#appeals + ul")).to_contain_text(re.compile(r"upheld.*: 1"))
