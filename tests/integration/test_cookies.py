"""Every cookie Agora sets is Secure and SameSite in production, the language and message
cookies included (they do not follow SESSION_COOKIE_SECURE by themselves: the language cookie
has its own settings; the message storage reads SESSION_COOKIE_*)."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_settings import PRODUCTION, _manage

# Run inside `manage.py shell` with production settings: the language switch through its
# view, a message through Django's cookie storage, both on an HTTPS request. No database.
PROBE = """
import json
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.i18n import set_language

factory = RequestFactory(headers={"host": "agora.example"})
language = set_language(factory.post("/i18n/setlang/", {"language": "ko"}, secure=True))
request = factory.get("/", secure=True)
storage = CookieStorage(request)
storage.add(constants.SUCCESS, "Saved.")
messages = HttpResponse()
storage.update(messages)
cookies = {
    "django_language": language.cookies[settings.LANGUAGE_COOKIE_NAME],
    "messages": messages.cookies[storage.cookie_name],
}
print(json.dumps({
    name: {"secure": bool(c["secure"]), "samesite": c["samesite"], "httponly": bool(c["httponly"])}
    for name, c in cookies.items()
} | {
    "settings": {
        name: getattr(settings, name)
        for name in (
            "SESSION_COOKIE_SECURE", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_HTTPONLY",
            "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE",
        )
    }
}))
"""


@pytest.fixture(scope="module")
def production_cookies() -> dict:
    result = _manage("shell", "--no-imports", "-c", PROBE, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["django_language", "messages"])
def test_language_and_message_cookies_are_secure_same_site_and_http_only(production_cookies, name):
    assert production_cookies[name] == {"secure": True, "samesite": "Lax", "httponly": True}


def test_session_and_csrf_cookies_are_secure_and_same_site(production_cookies):
    assert production_cookies["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
    }


@pytest.mark.django_db
def test_in_development_the_language_cookie_works_over_plain_http(client):
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "ko"
    assert not cookie["secure"]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]
