"""The personal data download (built by a task, with a progress page, only for its owner),
the deletion page and the privacy page."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from forum.accounts import data_export
from forum.accounts.models import DataExport
from forum.accounts.services import data_export_request
from forum.models import User
from tests.factories import PASSWORD, UserFactory
from tests.forum.accounts.conftest import EMAIL, PSEUDONYM


def _download(client, world, django_capture_on_commit_callbacks) -> tuple[DataExport, dict]:
    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/data/")
    export = DataExport.objects.get(user=world.person)
    assert response.status_code == 302 and response["Location"] == f"/accounts/data/{export.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Your download is ready." in page.content.decode()
    fetched = client.get(f"/accounts/data/{export.pk}/download/")
    assert fetched.status_code == 200
    assert fetched["Content-Disposition"].startswith("attachment")
    assert "no-store" in fetched["Cache-Control"]
    return export, json.loads(b"".join(fetched.streaming_content))


def test_the_download_holds_every_kind_of_data_and_nobody_elses(
    world, client, django_capture_on_commit_callbacks
):
    _export, data = _download(client, world, django_capture_on_commit_callbacks)
    assert data["schema_version"] == data_export.SCHEMA_VERSION and data["generated_at"]
    assert set(data) == {"schema_version", "generated_at", "about"} | {
        key for key, _rows, _single in data_export.SECTIONS
    }
    assert set(data["about"]) == set(data) - {"about"}
    account = data["account"]
    assert (account["pseudonym"], account["email"]) == (PSEUDONYM, EMAIL)
    assert account["email_addresses"][0]["email"] == EMAIL
    positions = {p["id"]: p for p in data["positions"]}
    assert set(positions) == {world.cited.pk, world.uncited.pk}
    revisions = positions[world.uncited.pk]["revisions"]
    assert [r["claim"] for r in revisions] == ["Uncited original claim", "Uncited revised claim"]
    replies = {r["id"]: r for r in data["replies"]}
    assert set(replies) == {world.reply.pk, world.hidden_reply.pk}
    assert replies[world.reply.pk]["position"] == world.neighbour_position.pk
    assert replies[world.reply.pk]["position_url"] == world.neighbour_position.get_absolute_url()
    assert len(data["votes"]) == 9
    assert {v["value"] for v in data["votes"]} == {1, -1}
    assert data["reply_feedback"] == [
        {
            "reply": world.neighbour_reply.pk,
            "feedback": "like",
            "given": data["reply_feedback"][0]["given"],
        }
    ]
    assert [r["details"] for r in data["reports"]] == ["Reported by the person."]
    assert [a["text"] for a in data["appeals"]] == ["The person's appeal against hiding."]
    assert [s["reason"] for s in data["sanctions"]] == ["spam"]
    messages = [n["message"] for n in data["notices"]]
    assert any("hid your contribution" in m for m in messages)
    assert any("warn your account" in m for m in messages)
    assert {n["event"]["event"] for n in data["notices"]} >= {"hide", "warn"}
    actions = {d["action"] for d in data["moderation_decisions"]}
    assert {"hide", "appeal", "warn"} <= actions
    assert all(d["by"] in ("moderator", "screening", "you") for d in data["moderation_decisions"])
    assert [f["position"] for f in data["followed_discussions"]] == [world.neighbour_position.pk]
    assert data["data_exports"][0]["status"] in ("running", "queued", "ready")
    text = json.dumps(data, ensure_ascii=False)
    for foreign in ("Neighbour", "neighbour@", "harassment", "Neighbour's reply text", "mod@"):
        assert foreign not in text


def test_notices_are_written_in_the_accounts_language(
    world, client, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=world.person.pk).update(language="ko")
    world.person.refresh_from_db()
    _export, data = _download(client, world, django_capture_on_commit_callbacks)
    assert all(not n["message"].startswith("A moderator") for n in data["notices"])


def test_progress_goes_to_100_and_the_file_is_stored_where_no_url_serves_it(world):
    export = data_export_request(user=world.person)
    seen = []
    original = data_export.write_personal_data

    def spy(user, out, *, progress=None):
        def record(percent):
            seen.append(percent)
            progress(percent)

        original(user, out, progress=record)

    data_export.write_personal_data = spy
    try:
        data_export.data_export_build(export_id=export.pk)
    finally:
        data_export.write_personal_data = original
    export.refresh_from_db()
    assert seen == sorted(seen) and seen[-1] == 99 and len(seen) == len(data_export.SECTIONS)
    assert (export.status, export.progress) == ("ready", 100)
    # Named by the random token only: nothing in the name says whose it is.
    assert export.file_name == f"private/data-exports/{export.token}.json"
    assert (export.expires_at - export.finished_at).days == 7


def test_the_progress_page_reloads_itself_while_the_download_is_prepared(world, client):
    export = data_export_request(user=world.person)  # no task run: it stays queued
    client.force_login(world.person)
    html = client.get(f"/accounts/data/{export.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert '<progress class="data-progress" max="100" value="0"' in html
    assert client.get(f"/accounts/data/{export.pk}/download/").status_code == 404


def test_one_download_at_a_time_per_account(world):
    first = data_export_request(user=world.person)
    again = data_export_request(user=world.person)
    assert again.pk == first.pk
    assert DataExport.objects.filter(user=world.person).count() == 1


def test_only_the_owner_can_see_or_fetch_a_download(
    world, client, django_capture_on_commit_callbacks
):
    export, _data = _download(client, world, django_capture_on_commit_callbacks)
    client.force_login(world.neighbour)
    assert client.get(f"/accounts/data/{export.pk}/").status_code == 404
    assert client.get(f"/accounts/data/{export.pk}/download/").status_code == 404
    client.logout()
    response = client.get(f"/accounts/data/{export.pk}/download/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(f"/media/{export.file_name}").status_code == 404


def test_an_expired_download_is_gone(world, client, django_capture_on_commit_callbacks):
    export, _data = _download(client, world, django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    assert client.get(f"/accounts/data/{export.pk}/download/").status_code == 404
    assert data_export.data_exports_expire() == 1
    assert not default_storage.exists(export.file_name)
    assert not DataExport.objects.filter(pk=export.pk).exists()


@pytest.mark.parametrize("path", ["/accounts/data/99999999999999999999999/", "/accounts/data/x/"])
def test_bad_download_addresses_are_404(citizen_client, path):
    assert citizen_client.get(path).status_code == 404


def test_the_management_command_writes_the_same_document(world, tmp_path):
    target = tmp_path / "person.json"
    call_command("personal_data_export", str(world.person.pk), str(target), stdout=None)
    assert json.loads(target.read_text())["account"]["pseudonym"] == PSEUDONYM


def test_deletion_needs_the_current_password_and_a_wrong_one_changes_nothing(world, client):
    client.force_login(world.person)
    page = client.get("/accounts/delete/")
    html = page.content.decode()
    assert page.status_code == 200 and "cited by a published summary" in html
    response = client.post("/accounts/delete/", {"password": "wrong", "erase_text": "on"})
    assert response.status_code == 400
    assert "That is not your current password." in response.content.decode()
    person = User.objects.get(pk=world.person.pk)
    assert person.deleted_at is None and person.username == PSEUDONYM


def test_deleting_through_the_page_signs_out_and_confirms(world, client):
    client.force_login(world.person)
    response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/deleted/"
    assert "Your account is deleted" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert User.objects.get(pk=world.person.pk).deleted_at is not None
    assert client.get("/accounts/delete/").status_code == 302  # to sign in


@pytest.mark.parametrize("path", ["/accounts/data/", "/accounts/delete/"])
def test_data_pages_need_signing_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_privacy_page_lists_what_the_act_asks_for(client, db, settings, language):
    settings.AGORA_PRIVACY_CONTACT = "dpo@agora.example"
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert "dpo@agora.example" in html
    assert html.count("<h2 ") == 12
    assert 'href="/accounts/data/"' in html and 'href="/accounts/delete/"' in html


def test_the_privacy_page_is_linked_from_the_footer_and_the_sign_up_page(client, db):
    assert 'href="/privacy/"' in client.get("/").content.decode()
    signup = client.get("/accounts/signup/").content.decode()
    assert signup.count('href="/privacy/"') == 2  # the page's own link and the footer's


def test_preferences_link_to_your_data(db, client):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/accounts/preferences/").content.decode()
    assert 'href="/accounts/data/"' in html and 'href="/accounts/delete/"' in html
