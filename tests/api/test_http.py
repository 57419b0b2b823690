"""The read API's HTTP behaviour: ETags and 304, rate limits with Retry-After, bad input."""

from __future__ import annotations

import pytest

from forum.api.throttling import client_key
from forum.models import Vote
from tests.factories import UserFactory

API = "/api/v1/"


def test_a_list_carries_an_etag_and_if_none_match_gives_304_without_a_body(client, world):
    first = client.get(f"{API}positions/")
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    again = client.get(f"{API}positions/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "Accept-Language" in again["Vary"]
    weak = client.get(f"{API}positions/", headers={"if-none-match": f'W/{etag}, "other"'})
    assert weak.status_code == 304


def test_the_etag_changes_when_the_answer_does(client, world):
    path = f"{API}positions/{world.positions['published'].pk}/"
    etag = client.get(path)["ETag"]
    Vote.objects.create(position=world.positions["published"], voter=UserFactory(), value=1)
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    korean = client.get(path, {"lang": "ko"}, headers={"if-none-match": changed["ETag"]})
    assert korean.status_code == 200  # the stance label is in Korean: another body


def test_a_stale_etag_on_a_refused_request_is_not_a_304(client, world):
    response = client.get(f"{API}positions/", {"topic": "x"}, headers={"if-none-match": "*"})
    assert response.status_code == 400


def test_anonymous_reads_past_the_rate_get_429_with_retry_after(client, world, settings):
    settings.AGORA_API_RATES = {"anon": "3/minute", "user": "5/minute"}
    for _ in range(3):
        assert client.get(f"{API}consultations/").status_code == 200
    refused = client.get(f"{API}consultations/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()
    # Another client (another address) is counted apart.
    other = client.get(f"{API}consultations/", REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_signed_in_sessions_are_counted_per_account(client, world, settings, citizen):
    settings.AGORA_API_RATES = {"anon": "1/minute", "user": "2/minute"}
    client.force_login(citizen)
    assert client.get(f"{API}topics/").status_code == 200
    assert client.get(f"{API}topics/").status_code == 200
    assert client.get(f"{API}topics/").status_code == 429


def test_the_throttle_keys_no_raw_address_into_the_cache(client, world, settings):
    from django.core.cache import cache

    settings.AGORA_API_RATES = {"anon": "10/minute", "user": "10/minute"}
    client.get(f"{API}topics/", REMOTE_ADDR="192.0.2.44")
    keys = list(cache._cache.keys())  # locmem: the keys as stored
    assert keys
    assert not any("192.0.2.44" in key for key in keys)


def test_behind_the_trusted_proxy_each_forwarded_client_is_counted(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    one = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.1", REMOTE_ADDR="10.0.0.1")
    two = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.2", REMOTE_ADDR="10.0.0.1")
    assert client_key(one) != client_key(two)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    forged = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    plain = rf.get("/", REMOTE_ADDR="10.0.0.1")
    assert client_key(forged) == client_key(plain)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    short = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_key(short) == client_key(plain)  # too short a chain: the connection's own


BAD_VALUES = [
    "\x00",
    "a\x00b",
    "x" * 1000,
    "%",
    "_",
    "'",
    '"',
    "\\",
    "1; DROP TABLE forum_position",
    "' OR 1=1 --",
    "99999999999999999999999999999",
    "١٢",
    "²",
    "-1",
    "1e3",
    "../",
    "a/b",
    "한국어",
]
LISTS = ["consultations/", "topics/", "positions/", "replies/", "summaries/", "opinion-maps/"]
PARAMS = ["consultation", "topic", "stance", "position", "phase", "lang", "cursor", "page_size"]


@pytest.mark.parametrize("value", BAD_VALUES)
def test_bad_values_in_any_filter_give_a_4xx_in_json_never_a_500(client, world, value):
    for path in LISTS:
        for name in PARAMS:
            params = {name: value}
            if name == "stance":
                params["topic"] = str(world.open_topic.pk)
            response = client.get(API + path, params)
            assert response.status_code in (200, 400, 404), (path, name, response.status_code)
            assert response["Content-Type"].startswith("application/json"), (path, name)


@pytest.mark.parametrize("value", ["\x00", "99999999999999999999999", "١٢", "%25", "x" * 300])
def test_bad_ids_in_the_address_give_a_4xx_in_json(client, world, value):
    for path in ["topics", "positions", "replies", "summaries", "opinion-maps", "consultations"]:
        response = client.get(f"{API}{path}/{value}/")
        assert response.status_code in (400, 404), (path, response.status_code)
        assert response["Content-Type"].startswith("application/json"), path


def test_a_huge_page_size_is_capped(client, world):
    response = client.get(f"{API}positions/", {"page_size": "100000"})
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 100
