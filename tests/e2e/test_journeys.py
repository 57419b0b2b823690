"""What people do on Agora, in a real browser: read, sign up, post, revise, switch language."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from forum import demo_content
from forum.models import Position, Stance
from tests.e2e.conftest import CONSULTATION, EMAIL_LABEL, e2e_marks, sign_in, topic_path

pytestmark = e2e_marks()

TITLE_EN = demo_content.CONSULTATION["title"]["en"]
TITLE_KO = demo_content.CONSULTATION["title"]["ko"]
TOPICS = {spec["slug"]: spec for spec in demo_content.TOPICS}
COOPERATION = TOPICS["compelled-cooperation"]
VERIFY_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


def _stance_label(topic_slug: str, key: str) -> str:
    return next(s["label"]["en"] for s in TOPICS[topic_slug]["stances"] if s["key"] == key)


def _legend_lines(topic_slug: str) -> list[str]:
    """The stance bar's text legend as the server should write it, from the rows."""
    stances = list(Stance.objects.filter(topic__slug=topic_slug).order_by("order"))
    counts = [Position.objects.filter(stance=stance).count() for stance in stances]
    total = sum(counts)
    return [
        f"{stance.label_en}: {count} ({round(100 * count / total)}%)"
        for stance, count in zip(stances, counts, strict=True)
    ]


def _write_position(page, *, stance: str, claim: str, body: str) -> None:
    page.get_by_role("radio", name=stance).check()
    page.get_by_label("Claim").fill(claim)
    page.get_by_label("Argument (Markdown)").fill(body)


def test_a_visitor_reads_a_consultation_a_topic_and_a_position(demo, page):
    page.goto("/")
    expect(page).to_have_title(re.compile("Consultations"))
    page.get_by_role("link", name=TITLE_EN).click()

    # The consultation: framing, the three topics, background and sources.
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.get_by_role("main")).to_contain_text(
        "This consultation does not ask whether such crimes should be punished"
    )
    topics = page.get_by_role("list", name="Topics").get_by_role("listitem")
    expect(topics.get_by_role("heading", level=3)).to_have_text(
        [spec["question"]["en"] for spec in demo_content.TOPICS]
    )
    expect(page.get_by_role("heading", name="Background", level=2)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("The legislative response.")
    expect(page.get_by_role("heading", name="Sources", level=2)).to_be_visible()
    expect(page.get_by_role("link", name="Nth room case (Wikipedia)")).to_have_attribute(
        "href", "https://en.wikipedia.org/wiki/Nth_room_case"
    )

    # A topic: its question, the stance bar with its text legend, position cards.
    page.get_by_role("link", name=COOPERATION["question"]["en"]).click()
    expect(page).to_have_url(re.compile(re.escape(topic_path("compelled-cooperation")) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(COOPERATION["question"]["en"])
    chart = page.locator("figure.stance-chart")
    expect(
        chart.get_by_role("img", name=re.compile("10 published positions, by the stance"))
    ).to_be_visible()
    expect(chart.locator(".stance-legend li")).to_have_text(_legend_lines("compelled-cooperation"))
    cards = page.get_by_role("article")
    total = Position.objects.filter(topic__slug="compelled-cooperation").count()
    expect(cards).to_have_count(total)
    expect(page.get_by_text("to post your position.")).to_be_visible()  # "Sign in to post…"

    # Filtered by a stance: only that stance's cards, and the filter says which is current.
    label = _stance_label("compelled-cooperation", "strict-duty")
    filters = page.get_by_role("navigation", name="Filter positions by stance")
    filters.get_by_role("link", name=re.compile(rf"^{re.escape(label)} \(\d+\)$")).click()
    expect(page).to_have_url(re.compile(r"\?stance=strict-duty$"))
    expect(filters.locator("[aria-current=true]")).to_have_text(re.compile(rf"^{label}"))
    held = Position.objects.filter(topic__slug="compelled-cooperation", stance__key="strict-duty")
    assert 1 < held.count() < total
    expect(cards).to_have_count(held.count())
    expect(cards.locator(".stance-tag")).to_have_text([label] * held.count())

    # A position: the claim, its author's pseudonym, the body and the history.
    position = held.get(author__username="nightbus")
    page.get_by_role("link", name=position.claim).click()
    expect(page).to_have_url(re.compile(rf"/positions/{position.pk}/$"))
    article = page.locator("article.position")
    expect(article.get_by_role("heading", level=1)).to_have_text(position.claim)
    expect(article).to_contain_text("by nightbus")
    expect(article).to_contain_text("People who have never followed a cybercrime case closely")
    expect(article.locator("strong", has_text="preservation within 24 hours")).to_be_visible()
    history = page.get_by_role("region", name="History")
    expect(history.get_by_role("heading", name="History")).to_be_visible()
    expect(history).to_contain_text("1 version")
    expect(history.locator("summary")).to_have_count(1)
    expect(history.locator("summary")).to_contain_text("Version 1")
    expect(page.get_by_role("link", name="Revise your position")).to_have_count(0)


def test_a_citizen_signs_up_verifies_posts_and_revises_a_position(demo, page):
    email, pseudonym = "harbour.light@example.org", "파란우산"
    password = "a-long-e2e-password-7"

    page.goto("/accounts/signup/")
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Pseudonym").fill(pseudonym)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    expect(page.locator(".signed-in-as")).to_have_count(0)

    # The verification mail (sent by the live server thread of this process).
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    assert message.subject.startswith("[Agora]")
    link = VERIFY_LINK.search(message.body)
    assert link, message.body
    page.goto(link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".signed-in-as")).to_have_text(f"Signed in as {pseudonym}")

    # Post a position with a Markdown link.
    page.goto(topic_path("compelled-cooperation"))
    page.get_by_role("link", name="Post your position").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post your position")
    claim = "Compel disclosure on a warrant, never content without a judge."
    stance = _stance_label("compelled-cooperation", "warrant-based")
    _write_position(
        page,
        stance=stance,
        claim=claim,
        body="Courts already weigh these requests; see [the CLOUD Act](https://example.org/cloud).",
    )
    page.get_by_role("button", name="Publish position").click()

    expect(page).to_have_url(re.compile(r"/positions/\d+/$"))
    expect(page.get_by_role("status")).to_have_text("Your position is published.")
    article = page.locator("article.position")
    expect(article.get_by_role("heading", level=1)).to_have_text(claim)
    expect(article).to_contain_text(f"by {pseudonym}")
    expect(article).to_contain_text(f"Stance: {stance}")
    link_in_body = article.get_by_role("link", name="the CLOUD Act")
    expect(link_in_body).to_have_attribute("href", "https://example.org/cloud")
    expect(link_in_body).to_have_attribute("rel", re.compile(r"\bnofollow\b"))
    expect(page.locator("body")).not_to_contain_text(email)
    assert email not in page.content()

    # Back on the topic, the new claim is listed and the page knows it is ours.
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumbs")
    breadcrumbs.get_by_role("link").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COOPERATION["question"]["en"])
    expect(page.get_by_role("article").get_by_role("link", name=claim)).to_be_visible()
    expect(page.get_by_text("You hold a position on this topic.")).to_be_visible()
    expect(page.get_by_role("link", name="Post your position")).to_have_count(0)

    # Revise it: the earlier text stays in the history as version 1.
    page.get_by_role("link", name=claim).click()
    page.get_by_role("link", name="Revise your position").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise your position")
    expect(page.get_by_label("Claim")).to_have_value(claim)
    revised = "Compel fast disclosure of subscriber data on a warrant; content stays out."
    page.get_by_label("Claim").fill(revised)
    page.get_by_role("button", name="Save revision").click()
    expect(page.get_by_role("status")).to_contain_text("Your position is revised")
    expect(page.get_by_role("article").get_by_role("heading", level=1)).to_have_text(revised)
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("2 versions")
    expect(history.locator("summary")).to_have_count(2)
    expect(history.locator("summary").first).to_contain_text("Version 2")
    expect(history.locator("summary").first).to_contain_text("(current)")
    expect(history.locator("summary").last).to_contain_text("Version 1")
    expect(page.locator("body")).not_to_contain_text(email)


def test_the_language_switch_works_without_javascript(demo, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".language-switch").get_by_role("button", name="Language: 한국어").click()

    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("link", name=TITLE_KO)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE_EN)).to_have_count(0)
    # The choice is remembered on the next page.
    page.get_by_role("link", name=TITLE_KO).click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_KO)
    expect(page.get_by_role("heading", name="주제", level=2)).to_be_visible()

    # And back to English, on the page where the switch was used.
    page.locator(".language-switch").get_by_role("button", name="언어: English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/consultations/{CONSULTATION}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)


def test_a_korean_browser_gets_korean_on_its_first_visit(demo, new_context):
    page = new_context(locale="ko-KR").new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("link", name=TITLE_KO)).to_be_visible()
    # The switch offers the other language, named in that language.
    expect(page.locator(".language-switch button")).to_have_text("언어: English")


def test_without_javascript_a_demo_citizen_posts_and_revises(demo, new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "citizen01@agora.example")
    expect(page.locator(".signed-in-as")).to_have_text("Signed in as 바다소리")

    # citizen01 holds no position on oversight yet: post one.
    assert not Position.objects.filter(topic__slug="oversight", author__username="바다소리")
    page.goto(topic_path("oversight"))
    page.get_by_role("link", name="Post your position").click()
    claim = "Judges should see a public-interest advocate's objection before they sign."
    _write_position(
        page,
        stance=_stance_label("oversight", "courts"),
        claim=claim,
        body="A warrant judge hears only one side.\n\n- add an advocate\n- publish statistics",
    )
    page.get_by_role("button", name="Publish position").click()
    expect(page.get_by_role("status")).to_have_text("Your position is published.")
    article = page.locator("article.position")
    expect(article.get_by_role("heading", level=1)).to_have_text(claim)
    expect(article.get_by_role("listitem")).to_have_text(["add an advocate", "publish statistics"])

    # citizen01 already holds a position on compelled cooperation (two versions): revise it.
    existing = Position.objects.get(
        topic__slug="compelled-cooperation", author__username="바다소리"
    )
    versions = existing.revisions.count()
    page.goto(topic_path("compelled-cooperation"))
    expect(page.get_by_role("link", name="Post your position")).to_have_count(0)
    page.get_by_role("link", name="Revise it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise your position")
    expect(page.get_by_label("Claim")).to_have_value(existing.claim)
    page.get_by_role("radio", name=_stance_label("compelled-cooperation", "warrant-based")).check()
    page.get_by_label("Claim").fill("On reflection: a duty, but only on a judge's warrant.")
    page.get_by_role("button", name="Save revision").click()
    expect(page.get_by_role("status")).to_contain_text("Your position is revised")
    expect(page.locator("article.position")).to_contain_text("Stance: Cooperate on a warrant")
    history = page.get_by_role("region", name="History")
    expect(history.locator("summary").first).to_contain_text(f"Version {versions + 1}")
    expect(history.locator("summary")).to_have_count(versions + 1)
