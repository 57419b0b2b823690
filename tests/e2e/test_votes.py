"""Votes and the opinion map in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from forum.models import OpinionSnapshot, Position, User, Vote
from tests.e2e.conftest import e2e_marks, log_in, topic_path

pytestmark = e2e_marks()


def test_a_vote_with_javascript_does_not_reload_the_page(demo, new_context):
    context = new_context()
    citizen = User.objects.get(email="citizen04@agora.example")
    log_in(context, citizen, demo.url)
    position = Position.objects.filter(topic__slug="oversight").exclude(author=citizen).first()
    Vote.objects.filter(voter=citizen, position=position).delete()
    page = context.new_page()
    page.goto(position.get_absolute_url())
    page.evaluate("window.stillHere = true")
    votes = page.locator("article.position [data-vote-box]")
    agree = votes.locator("button[value='1']")
    agree.click()
    expect(agree).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.stillHere") is True
    assert Vote.objects.get(voter=citizen, position=position).value == 1


def test_a_citizen_votes_through_vote_on_more_and_the_map_is_recomputed(demo, new_context):
    citizen = User.objects.get(email="citizen02@agora.example")
    before = OpinionSnapshot.objects.get(topic__slug="oversight").n_votes
    remaining = (
        Position.objects.filter(topic__slug="oversight")
        .exclude(author=citizen)
        .exclude(votes__voter=citizen)
        .count()
    )
    assert remaining > 0
    context = new_context(java_script_enabled=False)
    log_in(context, citizen, demo.url)
    page = context.new_page()
    page.goto(topic_path("oversight"))
    page.get_by_role("link", name="Vote on more positions").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote on more positions")
    for index in range(remaining):
        expect(page.locator("main")).to_contain_text(
            re.compile(rf"{remaining - index} positions? left")
        )
        page.get_by_role(
            "button", name=("Agree", "Disagree", "Pass")[index % 3], exact=True
        ).click()
    expect(page.get_by_text("You have voted on every position of this topic.")).to_be_visible()

    # The task ran after the first vote (debounced for the rest of the minute).
    after = OpinionSnapshot.objects.get(topic__slug="oversight")
    assert after.n_votes > before
    page.get_by_role("link", name="See the opinion map").click()
    expect(page.get_by_role("heading", name="Opinion map", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"from {after.n_votes} votes")
    expect(page.get_by_role("heading", name="Group A", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Group B", exact=True)).to_be_visible()
    expect(page.locator(".map-consensus li").first).to_be_visible()
    expect(page.locator("figure svg .hull").first).to_be_visible()
    expect(page.locator("figure svg .you")).to_be_visible()


def test_a_vote_without_javascript_lands_on_the_card_voted_on(demo, new_context):
    context = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    citizen = User.objects.get(email="citizen05@agora.example")
    log_in(context, citizen, demo.url)
    topic = Position.objects.filter(topic__slug="oversight").first().topic
    cards = Position.objects.filter(topic=topic).public().exclude(author=citizen)
    position = cards.order_by("created_at", "id").first()  # the last card of the page
    Vote.objects.filter(voter=citizen, position=position).delete()
    page = context.new_page()
    page.goto(topic_path("oversight"))
    card = page.locator(f"#position-{position.pk}")
    card.get_by_role("button", name="Disagree", exact=True).click()
    expect(page).to_have_url(re.compile(rf"#position-{position.pk}$"))
    expect(card.get_by_role("button", name="Disagree", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(card).to_be_in_viewport()
    assert Vote.objects.get(voter=citizen, position=position).value == -1
