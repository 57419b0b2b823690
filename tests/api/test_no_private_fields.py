"""A walk of every endpoint the schema declares, as every kind of reader, in both languages,
over content in every state: no response carries an e-mail address, an IP address, an
account id, a password, the opinion map's places or members, or anything of a draft."""

from __future__ import annotations

import json
import re

import pytest

from forum.models import SummaryVersion, User
from tests.api.conftest import SECRET

API = "/api/v1/"
FORBIDDEN_KEYS = {
    "email",
    "user_email",
    "ip_address",
    "password",
    "places",
    "members",
    "user",
    "user_id",
    "user_name",
    "username",
    "author_id",
    "voter",
    "voter_id",
    "created_by",
    "published_by",
    "publish_anyway_reason",
    "moderation_status",
    "moderation_reason",
    "is_public",
    "is_removed",
    "bridging",
}
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(r"\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b", re.IGNORECASE)
# What nobody reads through the API, whoever they are: drafts of every kind.
NEVER = (
    f"{SECRET}draft",
    f"{SECRET}db",
    f"{SECRET}in a draft",
    f"{SECRET}a draft consultation",
    f"{SECRET}a correction",
)


def _keys(value, path="") -> list[tuple[str, str]]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((key, path))
            found += _keys(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            found += _keys(item, f"{path}[]")
    return found


def _schema(client) -> dict:
    response = client.get(f"{API}schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def _walk(client, schema: dict, world, lang: str) -> list[tuple[str, str]]:
    """(address, body) of every list page and every detail the lists and the world name."""
    seen: list[tuple[str, str]] = []
    detail_keys: dict[str, set[str]] = {}
    for path, operations in schema["paths"].items():
        if "get" not in operations or "{" in path:
            continue
        url = f"{path}?lang={lang}&page_size=2"
        keys: set[str] = set()
        while url:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            body = response.json()
            seen.append((url, response.content.decode()))
            for item in body["results"]:
                keys.add(str(item.get("id", item.get("slug", item.get("topic")))))
            url = body["next"]
        detail_keys[path] = keys
    # Ids of everything in the world, whatever the reader may see of it.
    everything = {
        "/api/v1/positions/": {str(p.pk) for p in world.positions.values()},
        "/api/v1/replies/": {str(r.pk) for r in world.replies.values()},
        "/api/v1/topics/": {str(t.pk) for t in (world.open_topic, world.draft_topic)},
        "/api/v1/opinion-maps/": {str(t.pk) for t in (world.open_topic, world.draft_topic)},
        "/api/v1/consultations/": {world.draft_topic.consultation.slug},
        "/api/v1/summaries/": {
            str(pk) for pk in SummaryVersion.objects.values_list("pk", flat=True)
        },
    }
    for path, operations in schema["paths"].items():
        if "get" not in operations or "{" not in path:
            continue
        base = path.split("{")[0]
        for key in detail_keys.get(base, set()) | everything.get(base, set()):
            url = f"{base}{key}/?lang={lang}"
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
            seen.append((url, response.content.decode()))
    return seen


ROLES = ["visitor", "citizen", "held_author", "moderator", "organizer"]


@pytest.mark.parametrize("role", ROLES)
def test_no_endpoint_leaks_a_private_field_to_anyone(client, world, organizer, citizen, role):
    reader = {
        "visitor": None,
        "citizen": citizen,
        "held_author": world.positions["held"].author,
        "moderator": world.moderator,
        "organizer": organizer,
    }[role]
    if reader is not None:
        client.force_login(reader)
    emails = [e for e in User.objects.values_list("email", flat=True) if e] + ["leak@example.org"]
    tokens = [
        u for u in User.objects.values_list("username", flat=True) if u.startswith("deleted-")
    ]
    schema = _schema(client)
    pages = _walk(client, schema, world, "en") + _walk(client, schema, world, "ko")
    assert len(pages) > 20
    for url, text in pages:
        for email in emails:
            assert email not in text, (url, email)
        assert not IPV4.search(text), (url, IPV4.search(text))
        assert not IPV6.search(text), (url, IPV6.search(text))
        for token in tokens:
            assert token not in text, (url, token)
        for marker in NEVER:
            assert marker not in text, (url, marker)
        if role in ("visitor", "citizen"):
            assert SECRET not in text, (url, text)
        for key, where in _keys(json.loads(text)):
            assert key not in FORBIDDEN_KEYS, (url, where, key)
    if role == "moderator":
        # The walk reaches what only moderators read: hidden and held text is in it.
        assert any(f"{SECRET}hidden claim" in text for _url, text in pages)
        assert any(f"{SECRET}held reply" in text for _url, text in pages)


def test_the_schema_declares_no_private_field(client, db):
    schema = _schema(client)
    for name, component in schema["components"]["schemas"].items():
        for key in component.get("properties", {}):
            assert key not in FORBIDDEN_KEYS, (name, key)
