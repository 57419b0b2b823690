"""Pseudonyms in Unicode: stored in NFKC, unique by a case-folded key, whatever the path."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.accounts.adapter import AccountAdapter
from forum.accounts.pseudonyms import pseudonym_key, pseudonym_normalised
from forum.models import User
from forum.validators import NotAStaffLookalikeValidator, imitates_a_reserved_name
from tests.factories import PASSWORD, UserFactory

KELVIN = "\u212a"  # K KELVIN SIGN: NFKC makes it "K"
TAKEN = "That pseudonym is already taken."
RESERVED = "kept for Agora’s staff"


def _signup(client, username: str, email: str = "new@example.org"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "username": username, "password1": PASSWORD, "password2": PASSWORD},
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (f"{KELVIN}im", "kim"),
        (f"{KELVIN}im", "Kim"),
        ("STRAẞE", "strasse"),
        ("straße", "STRASSE"),
        ("ｎｅｗ", "new"),  # fullwidth
        ("ﬁsh", "fish"),  # a ligature
        ("Σίσυφος", "ΣΊΣΥΦΟΣ"),  # final sigma folds like the others
    ],
)
def test_names_that_differ_only_by_case_or_form_share_a_key(one, other):
    assert pseudonym_key(one) == pseudonym_key(other)


def test_different_names_keep_different_keys():
    assert pseudonym_key("kim") != pseudonym_key("kin")
    assert pseudonym_key("바다") != pseudonym_key("바디")


NAMES = st.text(st.characters(codec="utf-8"), max_size=40)
PROPERTIES = settings(max_examples=200, deadline=None, database=None)


@PROPERTIES
@given(name=NAMES)
def test_the_key_is_stable_under_normalisation_and_folding(name):
    key = pseudonym_key(name)
    assert pseudonym_key(key) == key
    assert pseudonym_key(pseudonym_normalised(name)) == key
    if name.isascii():
        assert key == name.lower()


@PROPERTIES
@given(name=NAMES)
def test_the_staff_rule_only_ever_says_yes_or_no(name):
    try:
        NotAStaffLookalikeValidator(["admin", "moderator", "운영자"])(name)
    except ValidationError as error:
        assert error.code == "pseudonym_reserved"


@pytest.mark.django_db
@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=NAMES)
def test_the_adapter_returns_the_nfkc_form_or_a_validation_error(name):
    try:
        cleaned = AccountAdapter().clean_username(name)
    except ValidationError:
        return
    assert cleaned == pseudonym_normalised(name)
    assert len(cleaned) <= 40


def test_the_stored_form_is_nfkc():
    assert pseudonym_normalised(f"{KELVIN}im") == "Kim"
    assert pseudonym_normalised("ｎｅｗ") == "new"
    # Conjoining jamo compose into the syllables a person sees.
    assert pseudonym_normalised("\u1112\u1161\u11ab") == "한"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("existing", "typed"),
    [("kim", f"{KELVIN}im"), ("strasse", "STRAẞE"), ("straße", "Strasse"), ("new", "ＮＥＷ")],
)
def test_signup_refuses_a_unicode_variant_of_a_taken_pseudonym(client, existing, typed):
    UserFactory(username=existing)
    response = _signup(client, typed)
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_signup_stores_the_nfkc_form_and_its_key(client):
    response = _signup(client, f"ｎｅｗ{KELVIN}im")
    assert response.status_code == 302
    user = User.objects.get()
    assert user.username == "newKim"
    assert user.pseudonym_key == "newkim"


@pytest.mark.django_db
def test_signup_checks_the_length_of_the_normalised_form(client):
    # "㎢" is one character that NFKC turns into three ("km2"): 14 of them make 42.
    response = _signup(client, "㎢" * 14)
    assert response.status_code == 200
    assert "at most 40 characters" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_checks_the_characters_of_the_normalised_form(client):
    # NFKC turns the fullwidth "＠" into "@", so the address rule sees it.
    response = _signup(client, "me＠home")
    assert response.status_code == 200
    assert "cannot be or contain an e-mail address" in response.content.decode()


@pytest.mark.django_db
def test_a_signup_that_loses_the_race_for_a_pseudonym_gets_a_form_error(client, monkeypatch):
    """Another sign-up commits the same pseudonym after this one's check and before its
    write: the key's UNIQUE constraint fires, and the person sees the form, not a 500."""
    checked = AccountAdapter.clean_username

    def check_then_lose_the_race(self, username, shallow=False):
        cleaned = checked(self, username, shallow=shallow)
        User.objects.create_user("racer", "first@example.org")
        return cleaned

    monkeypatch.setattr(AccountAdapter, "clean_username", check_then_lose_the_race)
    response = _signup(client, "Racer")
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    assert list(User.objects.values_list("username", flat=True)) == ["racer"]
    # The request's transaction survived the failed insert: the page rendered, and a later
    # sign-up with a free pseudonym in the same database works.
    monkeypatch.setattr(AccountAdapter, "clean_username", checked)
    assert _signup(client, "another", email="another@example.org").status_code == 302


@pytest.mark.django_db
def test_the_key_is_unique_in_the_database_whatever_the_username():
    User.objects.create(username="kim", pseudonym_key="kim")
    with pytest.raises(IntegrityError):
        User.objects.create(username=f"{KELVIN}im", pseudonym_key="kim")


@pytest.mark.django_db
def test_an_account_without_a_key_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        User.objects.create(username="keyless")


@pytest.mark.django_db
def test_createsuperuser_stores_the_key(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "createsuperuser",
        "--no-input",
        username=f"{KELVIN}eeper",
        email="keeper@example.org",
        verbosity=0,
    )
    user = User.objects.get()
    assert (user.username, user.pseudonym_key) == ("Keeper", "keeper")


@pytest.mark.django_db
def test_full_clean_sets_the_key_and_reports_a_taken_one():
    UserFactory(username="taken")
    user = User(username="ＴＡＫＥＮ", email="x@example.org")
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert TAKEN in str(error.value)
    assert user.pseudonym_key == "taken"


# Staff names and their look-alikes ---------------------------------------------------------

STAFF = ["admin", "administrator", "moderator", "agora", "관리자", "운영자"]


@pytest.mark.parametrize(
    "name",
    [
        "admin",
        "Admin",
        "ＡＤＭＩＮ",  # fullwidth
        "𝐚𝐝𝐦𝐢𝐧",  # mathematical bold
        "аdmіn",  # Cyrillic а and і
        "ΑDMIN",  # Greek capital alpha
        "adm1n",
        "ad.min",
        "_admin_",
        "mоderator",  # Cyrillic о
        "m0derator",
        "moderat0r",
        "rnoderator",  # "rn" reads as "m"
        "modеrator",  # Cyrillic е
        "Administrator",
        "agorà",
        "a.g.o.r.a",
        "관리자",
        "관리자1",
        "운영자팀",
        "새운영자",
        "운-영-자",
        "\u110b\u116e\u11ab\u110b\u1167\u11bc\u110c\u1161",  # 운영자 in conjoining jamo
    ],
)
def test_names_that_read_as_a_staff_name_are_refused(name):
    assert imitates_a_reserved_name(name, STAFF)
    with pytest.raises(ValidationError, match=RESERVED):
        NotAStaffLookalikeValidator(STAFF)(name)


@pytest.mark.parametrize(
    "name",
    ["badminton", "admins", "agora2", "moderators", "kim", "새시민", "운영", "관리", "mod"],
)
def test_other_names_pass_the_staff_rule(name):
    assert not imitates_a_reserved_name(name, STAFF)
    NotAStaffLookalikeValidator(STAFF)(name)


def test_the_staff_names_come_from_the_settings(settings):
    settings.ACCOUNT_USERNAME_BLACKLIST = ["steward"]
    with pytest.raises(ValidationError):
        NotAStaffLookalikeValidator()("ѕtеward")
    NotAStaffLookalikeValidator()("admin")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["mоderator", "ＡＤＭＩＮ", "운영자팀", "관리자1", "m0derator"])
def test_signup_refuses_a_look_alike_of_a_staff_name(client, name):
    response = _signup(client, name)
    assert response.status_code == 200
    assert RESERVED in response.content.decode()
    assert not User.objects.exists()


# The admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, organizer):
    client.force_login(organizer)
    return client


def _change_form(user: User, username: str) -> dict:
    return {
        "username": username,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }


def test_the_admin_renames_an_account_with_its_key(admin_client):
    user = UserFactory(username="before")
    response = admin_client.post(
        f"/admin/forum/user/{user.pk}/change/", _change_form(user, f"ａｆｔｅｒ{KELVIN}")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert (user.username, user.pseudonym_key) == ("afterK", "afterk")


def test_the_admin_refuses_a_rename_to_a_variant_of_a_taken_pseudonym(admin_client):
    UserFactory(username="kim")
    user = UserFactory(username="someone")
    response = admin_client.post(
        f"/admin/forum/user/{user.pk}/change/", _change_form(user, f"{KELVIN}IM")
    )
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    user.refresh_from_db()
    assert user.username == "someone"


def test_the_admin_keeps_an_account_s_own_name_when_saving_it_again(admin_client):
    user = UserFactory(username="same")
    response = admin_client.post(f"/admin/forum/user/{user.pk}/change/", _change_form(user, "Same"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.username, user.pseudonym_key) == ("Same", "same")


def test_the_admin_creates_an_account_with_its_key(admin_client):
    response = admin_client.post(
        "/admin/forum/user/add/",
        {"username": "ｎｅｗcomer", "usable_password": "false", "password1": "", "password2": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="newcomer")
    assert user.pseudonym_key == "newcomer"


def test_organizers_may_still_name_a_staff_account_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/forum/user/add/",
        {"username": "운영자", "usable_password": "false", "password1": "", "password2": ""},
    )
    assert response.status_code == 302
    assert User.objects.filter(username="운영자").exists()


def test_the_admin_refuses_to_create_a_variant_of_a_taken_pseudonym(admin_client):
    UserFactory(username="strasse")
    response = admin_client.post(
        "/admin/forum/user/add/",
        {"username": "Straße", "usable_password": "false", "password1": "", "password2": ""},
    )
    assert response.status_code == 200
    assert TAKEN in response.content.decode()


# The migration -----------------------------------------------------------------------------

MIGRATION = ("forum", "0012_user_pseudonym_key")


@pytest.mark.django_db(transaction=True)
def test_the_migration_backfills_keys_and_keeps_the_older_account_s_key_on_a_clash():
    executor = MigrationExecutor(connection)
    before = [
        parent.key
        for parent in executor.loader.graph.node_map[MIGRATION].parents
        if parent.key[0] == "forum"
    ]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldUser = old_apps.get_model("forum", "User")
    # Both rows were possible under LOWER(): "ß" is lower case already.
    older = OldUser.objects.create(username="straße")
    newer = OldUser.objects.create(username="Strasse")
    plain = OldUser.objects.create(username="ｎｅｗ")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([MIGRATION])
    keys = dict(User.objects.values_list("pk", "pseudonym_key"))
    assert keys[older.pk] == "strasse"
    assert keys[newer.pk] == f"strasse#{newer.pk}"
    assert keys[plain.pk] == "new"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
