"""Behind the TLS proxy, sign-in limits count each client, not the proxy; elsewhere a forged
X-Forwarded-For changes nothing."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from tests.factories import PASSWORD

SETTINGS = Path(__file__).resolve().parents[2] / "forum" / "settings.py"
TOO_MANY = "Too many failed login attempts"
# allauth's per-address limit on failed sign-ins: 10 a minute.
IP_LIMIT = 10


def _settings_with(monkeypatch, **environment: str) -> dict:
    """The settings module run afresh with these variables (django.conf.settings untouched)."""
    for name in (
        "DJANGO_BEHIND_TLS_PROXY",
        "DJANGO_TRUSTED_PROXY_COUNT",
        "DJANGO_TRUSTED_CLIENT_IP_HEADER",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


@pytest.mark.parametrize(
    ("environment", "count", "header"),
    [
        ({}, 0, None),
        ({"DJANGO_BEHIND_TLS_PROXY": "1"}, 1, None),
        ({"DJANGO_BEHIND_TLS_PROXY": "1", "DJANGO_TRUSTED_PROXY_COUNT": "2"}, 2, None),
        ({"DJANGO_TRUSTED_PROXY_COUNT": "1"}, 1, None),
        ({"DJANGO_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}, 0, "X-Real-IP"),
    ],
)
def test_the_trusted_proxies_come_from_the_environment(monkeypatch, environment, count, header):
    values = _settings_with(monkeypatch, **environment)
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == count
    assert values["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == header


def _fail(client, attempt: int, forwarded_for: str):
    return client.post(
        "/accounts/login/",
        {"login": f"nobody{attempt}@example.org", "password": "wrong password"},
        headers={"x-forwarded-for": forwarded_for},
    )


def _sign_in(client, user, forwarded_for: str):
    return client.post(
        "/accounts/login/",
        {"login": user.email, "password": PASSWORD},
        headers={"x-forwarded-for": forwarded_for},
    )


@pytest.fixture
def behind_the_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_behind_the_proxy_failures_from_many_clients_do_not_lock_out_another(
    behind_the_proxy, client, citizen
):
    for attempt in range(IP_LIMIT + 5):
        _fail(client, attempt, f"203.0.113.{attempt + 1}")
    response = _sign_in(client, citizen, "198.51.100.7")
    assert response.status_code == 302
    assert client.get("/").context["user"] == citizen


def test_behind_the_proxy_one_client_s_failures_still_lock_that_client_out(
    behind_the_proxy, client, citizen
):
    # What the client wrote into the header stays on the left; the proxy appends the address
    # it saw, and only that one is read.
    for attempt in range(IP_LIMIT):
        _fail(client, attempt, f"10.0.0.{attempt}, 203.0.113.9")
    response = _sign_in(client, citizen, "192.0.2.1, 203.0.113.9")
    assert TOO_MANY in response.content.decode()


def test_without_the_proxy_a_forged_forwarded_for_does_not_escape_the_limit(client, citizen):
    for attempt in range(IP_LIMIT):
        _fail(client, attempt, f"203.0.113.{attempt + 1}")
    response = _sign_in(client, citizen, "198.51.100.7")
    assert TOO_MANY in response.content.decode()
    assert client.get("/").context["user"].is_anonymous


def test_a_trusted_client_address_header_is_read_when_configured(settings, client, citizen):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    for attempt in range(IP_LIMIT):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{attempt}@example.org", "password": "wrong password"},
            headers={"x-real-ip": "203.0.113.9"},
        )
    response = client.post(
        "/accounts/login/",
        {"login": citizen.email, "password": PASSWORD},
        headers={"x-real-ip": "198.51.100.7"},
    )
    assert response.status_code == 302
