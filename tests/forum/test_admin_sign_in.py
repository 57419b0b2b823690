"""Staff reach the admin only through allauth's sign-in, so its rate limits protect the admin."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD

TOO_MANY = "Too many failed login attempts"


def _sign_in(client, email: str, password: str, next_url: str = "/admin/"):
    return client.post(f"/accounts/login/?next={next_url}", {"login": email, "password": password})


def test_the_admin_sends_a_visitor_to_allauth_s_sign_in_and_back(client, organizer):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", 302),
        ("/accounts/login/?next=%2Fadmin%2F", 302),
    ]
    response = _sign_in(client, organizer.email, PASSWORD)
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_form_no_longer_signs_in_by_pseudonym(client, organizer):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": organizer.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302
    assert client.get("/").context["user"].is_anonymous


def test_the_admin_sign_in_keeps_only_local_next_addresses(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/admin/"})
    assert response.url == "/accounts/login/?next=%2Fadmin%2F"


def test_failed_sign_ins_on_the_only_path_to_the_admin_are_throttled(client, organizer):
    for _ in range(5):
        response = _sign_in(client, organizer.email, "wrong password")
        assert response.status_code == 200
    response = _sign_in(client, organizer.email, PASSWORD)
    assert TOO_MANY in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_failed_sign_ins_from_one_address_throttle_every_account(client, organizer, db):
    for attempt in range(10):
        _sign_in(client, f"nobody{attempt}@example.org", "wrong password")
    response = _sign_in(client, organizer.email, PASSWORD)
    assert TOO_MANY in response.content.decode()


def test_a_signed_in_citizen_gets_a_clear_page_not_a_loop(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302)]
    assert response.status_code == 403
    content = response.content.decode()
    assert "this account may not open the administration" in content
    assert 'action="/accounts/logout/"' in content
    # Signing out from there leads back to the sign-in, for an organizer's account.
    response = client.post("/accounts/logout/", {"next": "/admin/"}, follow=True)
    assert response.redirect_chain[-1] == ("/accounts/login/?next=%2Fadmin%2F", 302)


def test_the_refusal_page_is_translated(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/login/", headers={"accept-language": "ko"})
    assert response.status_code == 403
    assert "관리 화면" in response.content.decode()


def test_a_signed_in_organizer_is_sent_on_to_the_admin(client, organizer):
    client.force_login(organizer)
    response = client.get("/admin/login/", {"next": "/admin/forum/topic/"})
    assert response.url == "/admin/forum/topic/"


def test_the_admin_sign_out_still_works(client, organizer):
    client.force_login(organizer)
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert client.get("/").context["user"].is_anonymous
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/password_change/"])
def test_admin_pages_around_the_sign_in_do_not_fail(client, db, path):
    assert client.get(path).status_code == 302


def test_a_bare_word_in_next_is_an_address_not_a_url_name(client, organizer):
    client.force_login(organizer)
    response = client.get("/admin/login/", {"next": "²"})
    assert response.status_code == 302 and response.url == "%C2%B2"
