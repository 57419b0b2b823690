"""The discussion under a position, in a real browser: reply, answer, follow, mail, labels."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from forum.models import DiscussionFollow, Position, Reply, User
from tests.e2e.conftest import e2e_marks, log_in

pytestmark = e2e_marks()


def _quiet_position() -> Position:
    """A demo position whose discussion the demo leaves empty."""
    return Position.objects.get(topic__slug="oversight", author__username="quietkey")


def test_two_citizens_argue_under_a_position_and_a_follower_is_mailed(demo, new_context):
    position = _quiet_position()
    assert not Reply.objects.filter(object_pk=str(position.pk)).exists()
    first_context, second_context = new_context(), new_context()
    first = User.objects.get(email="citizen01@agora.example")
    second = User.objects.get(email="citizen02@agora.example")
    log_in(first_context, first, demo.url)
    log_in(second_context, second, demo.url)

    # The first citizen replies against the position, previews it, posts it and follows.
    page = first_context.new_page()
    page.goto(position.get_absolute_url())
    expect(page.get_by_role("heading", name=re.compile(r"^Discussion: 0 replies"))).to_be_visible()
    form = page.locator("form.reply-form")
    form.get_by_role("radio", name="Against").check()
    form.get_by_label("Your reply (Markdown)").fill(
        "A committee appointed by **one** side is no check."
    )
    form.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview your reply")).to_be_visible()
    expect(page.locator(".card .prose strong")).to_have_text("one")
    page.locator("form.reply-form").get_by_label("E-mail me when someone replies").check()
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply is published.")
    expect(page.get_by_role("heading", name=re.compile(r"^Discussion: 1 reply"))).to_be_visible()
    expect(page.get_by_text("You follow this discussion")).to_be_visible()
    assert DiscussionFollow.objects.filter(user=first, position=position).exists()
    reply = Reply.objects.get(object_pk=str(position.pk))

    # The second citizen answers that reply, agreeing with it (an answer leans toward the reply).
    other = second_context.new_page()
    other.goto(position.get_absolute_url())
    other.locator(f"#reply-{reply.pk}").get_by_role("link", name="Answer").click()
    expect(other.get_by_role("heading", name="Answer a reply", level=1)).to_be_visible()
    other.get_by_role("radio", name="Agrees with the reply", exact=True).check()
    other.get_by_label("Your reply (Markdown)").fill("Then let the opposition name half of it.")
    other.get_by_role("button", name="Post reply").click()
    expect(other.get_by_role("status")).to_contain_text("Your reply is published.")

    # The follower's mail is in the outbox, with a mute link; the author is not mailed.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [first.email]
    assert "Then let the opposition name half of it." in message.body
    assert "/discussions/mute/" in message.body

    # The tree shows both replies, nested, each with its leaning in words.
    page.reload()
    expect(page.get_by_role("heading", name=re.compile(r"^Discussion: 2 replies"))).to_be_visible()
    outer = page.locator(f"#reply-{reply.pk}")
    expect(outer.locator(".leaning").first).to_have_text(re.compile("Against"))
    expect(outer.locator("strong").first).to_have_text(first.username)
    inner = outer.locator("details .reply")
    expect(inner).to_have_count(1)
    expect(inner.locator(".leaning")).to_have_text(re.compile("Agrees with the reply"))
    expect(inner.locator(".prose")).to_have_text("Then let the opposition name half of it.")
    expect(inner.locator("strong").first).to_have_text(second.username)
    assert "@agora.example" not in page.content()

    # The mute link works with one click, signed in or not.
    mute = re.search(r"https?://[^/\s]+(/discussions/mute/\S+)", message.body).group(1)
    muted = new_context().new_page()
    muted.goto(mute)
    expect(muted.get_by_role("heading", name="Mute this discussion?")).to_be_visible()
    muted.get_by_role("button", name="Mute").click()
    expect(muted.get_by_role("heading", name="Discussion muted")).to_be_visible()
    assert not DiscussionFollow.objects.filter(user=first, position=position).exists()


def test_replying_works_without_javascript(demo, new_context):
    position = _quiet_position()
    context = new_context(java_script_enabled=False)
    log_in(context, User.objects.get(email="citizen03@agora.example"), demo.url)
    page = context.new_page()
    page.goto(position.get_absolute_url())
    page.get_by_label("Your reply (Markdown)").fill("Written with scripts off.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".replies .prose").first).to_have_text("Written with scripts off.")
    expect(page.locator(".replies .leaning").first).to_have_text(re.compile("Neutral"))
