"""Accounts through allauth: sign-up with a pseudonym, verification, sign-in, passwords."""

import re

import pytest
from django.core import mail

from forum.models import User
from tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "another-long-password-2"


def _signup(client, **overrides):
    data = {
        "email": "new@example.org",
        "username": "새시민",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post("/accounts/signup/", data)


def _link_in_last_mail() -> str:
    return re.search(r"http://testserver(/accounts/\S+)", mail.outbox[-1].body).group(1)


@pytest.mark.django_db
def test_signup_verify_and_sign_in_with_a_korean_pseudonym(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(username="새시민")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]
    assert mail.outbox[0].subject.startswith("[Agora]")
    assert "example.com" not in mail.outbox[0].body
    # Unverified: the session is not signed in yet.
    assert client.get("/").context["user"].is_anonymous
    confirm = _link_in_last_mail()
    assert client.get(confirm).status_code == 200
    client.post(confirm)
    assert user.emailaddress_set.get().verified
    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "새시민" in page
    assert "new@example.org" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("me@example.org", "cannot be or contain an e-mail address"),
        ("someone@home", "cannot be or contain an e-mail address"),
        ("has space", "no spaces"),
        ("<script>", "no spaces"),
        ("x", "at least 2"),
        ("Admin", "kept for Agora’s staff"),
    ],
)
def test_signup_rejects_bad_pseudonyms(client, username, message):
    response = _signup(client, username=username)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("taken", ["taken", "TAKEN", "Taken"])
def test_signup_rejects_a_duplicate_pseudonym_ignoring_case(client, taken):
    UserFactory(username="taken")
    response = _signup(client, username=taken)
    assert response.status_code == 200
    assert "already" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_pseudonym_uniqueness_ignoring_case_is_a_database_constraint():
    from django.db import IntegrityError

    User.objects.create_user("Same")
    with pytest.raises(IntegrityError):
        User.objects.create_user("same")


@pytest.mark.django_db
def test_signup_form_calls_the_username_a_pseudonym(client):
    content = client.get("/accounts/signup/").content.decode()
    assert "Pseudonym" in content
    assert "Never your e-mail address" in content


def test_sign_out_is_a_post(client, citizen):
    client.force_login(citizen)
    client.post("/accounts/logout/")
    assert client.get("/").context["user"].is_anonymous


def test_password_change(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_password_reset_by_mail(client, citizen):
    client.post("/accounts/password/reset/", {"email": citizen.email})
    assert len(mail.outbox) == 1
    link = _link_in_last_mail()
    # allauth stores the key in the session and redirects to a key-less address.
    form_url = client.get(link).url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_repeated_failed_sign_ins_are_refused_even_with_the_right_password(client, citizen):
    for _ in range(5):
        client.post("/accounts/login/", {"login": citizen.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": citizen.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert response.context["user"].is_anonymous
