"""The read API's documentation page works in a browser under the site's real
Content-Security-Policy: Swagger UI renders the operations, with no CSP violation and no
request to another host."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import e2e_marks

pytestmark = e2e_marks()


def test_the_api_docs_render_without_a_csp_violation(transactional_db, live_server, page):
    problems: list[str] = []
    hosts: set[str] = set()
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto("/api/v1/docs/")
    expect(page.get_by_text("Agora read API").first).to_be_visible()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock").count() == 12
    assert problems == []
    assert hosts == {urlsplit(live_server.url).netloc}
