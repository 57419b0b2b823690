"""Hostile input stays inert on every page, and no page leaks an e-mail address."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from forum.positions import services as positions_services
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def test_hostile_claim_and_body_are_escaped_or_stripped(client, open_topic):
    author = UserFactory(username="hostile")
    position = positions_services.position_create(
        author=author,
        topic=open_topic,
        stance=open_topic.stances.first(),
        claim='<script>alert("claim")</script>',
        body=(
            '<img src=x onerror=alert(1)> [x](javascript:alert(2)) <a href="#" onclick="y()">z</a>'
        ),
    )
    for url in (open_topic.get_absolute_url(), position.get_absolute_url()):
        content = client.get(url).content.decode()
        assert '<script>alert("claim")' not in content
        assert "&lt;script&gt;" in content
        assert "onerror" not in content and "onclick" not in content
        assert "javascript:" not in content


def test_every_page_sends_a_strict_content_security_policy(client, open_topic):
    response = client.get(open_topic.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_hold_no_inline_scripts_styles_or_handlers():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "<script>" not in text and "<style" not in text, template
        assert not re.search(r"\sstyle=", text), template
        assert not re.search(r"\son[a-z]+=", text), template


@pytest.mark.django_db
def test_no_public_page_shows_an_email_address(client):
    call_command("seed_demo", verbosity=0)
    from forum.models import Position

    position = Position.objects.select_related("topic__consultation").first()
    urls = [
        "/",
        position.topic.consultation.get_absolute_url(),
        position.topic.get_absolute_url(),
        position.get_absolute_url(),
    ]
    client.force_login(position.author)
    for url in urls:
        content = client.get(url).content.decode()
        assert not EMAIL.findall(content), (url, EMAIL.findall(content))


def test_source_links_only_accept_web_addresses(open_topic):
    from django.core.exceptions import ValidationError

    source = open_topic.sources.model(topic=open_topic, title="x", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        source.full_clean()


def _assert_hardened(response, url):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy, url
    assert "unsafe-eval" not in policy, url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Strict-Transport-Security"].startswith("max-age=31536000"), url


def test_every_page_cached_or_not_and_every_error_sends_the_hardening_headers(
    client, citizen, open_topic, settings
):
    """HTTPS as production serves it; each page twice, so that a page-cache hit is checked
    as well as the page rendered."""
    from tests.factories import PositionFactory

    settings.SECURE_HSTS_SECONDS = 31_536_000
    position = PositionFactory(topic=open_topic)
    topic = open_topic.get_absolute_url()
    urls = [
        "/",
        open_topic.consultation.get_absolute_url(),
        topic,
        position.get_absolute_url(),
        f"{topic}opinions/",
        "/search/?q=privacy",
        "/privacy/",
        "/accounts/login/",
        "/no-such-page/",
        f"{topic}summary/",
    ]
    for _ in range(2):
        for url in urls:
            _assert_hardened(client.get(url, secure=True), url)
    client.force_login(citizen)
    for url in [*urls, "/accounts/preferences/"]:
        _assert_hardened(client.get(url, secure=True), url)
