"""The OpenAPI schema and the documentation page: served from installed files, nothing from
elsewhere, no inline script or style for the Content-Security-Policy to refuse."""

from __future__ import annotations

import re

from django.core.management import call_command

API = "/api/v1/"


def test_the_schema_is_openapi_3_and_lists_every_endpoint(client, db):
    response = client.get(f"{API}schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for name in ("consultations", "topics", "positions", "replies", "summaries", "opinion-maps"):
        assert f"{API}{name}/" in paths
    assert f"{API}schema/" not in paths
    assert client.get(f"{API}schema/").status_code == 200  # YAML by default


def test_the_docs_page_loads_its_scripts_from_static_files_and_none_inline(client, db):
    response = client.get(f"{API}docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert len(sources) == 3
    assert all(src.startswith("/static/") or src.startswith(f"{API}docs/?") for src in sources)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert "<style" not in html
    assert "http://" not in html and "https://" not in html
    assert "/static/forum/css/api.css" in html
    script = client.get(sources[-1])
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert f"{API}schema/" in script.content.decode()


def test_the_swagger_files_are_served(client, db):
    html = client.get(f"{API}docs/").content.decode()
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        response = client.get(src)
        assert response.status_code == 200, src
        if response.streaming:
            b"".join(response.streaming_content)  # read to the end: the file is closed


def test_the_schema_generates_without_a_warning_and_validates(tmp_path, db):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
