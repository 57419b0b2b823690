"""Open data and feeds: only what the public pages show, streamed, in constant queries."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.core.management import call_command

from forum.models import Vote
from forum.opendata.exports import participant_id
from moderation import services as moderation_services
from moderation.models import Reason
from tests.factories import PositionFactory, UserFactory


def _content(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_positions_csv_and_json_leave_out_removed_positions(client, open_topic):
    shown = PositionFactory(topic=open_topic, claim="Shown claim")
    removed = PositionFactory(
        topic=open_topic, claim="Removed claim", stance=open_topic.stances.last()
    )
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(moderation_services.moderators_group())
    item = moderation_services.item_track(content=removed, holds=[])
    moderation_services.item_act(
        moderator=moderator, item=item, action="remove", reason=Reason.SPAM
    )
    Vote.objects.create(position=shown, voter=UserFactory(), value=1)
    base = f"{open_topic.get_absolute_url()}export/"
    rows = list(csv.DictReader(io.StringIO(_content(client.get(base + "positions.csv")))))
    assert [r["claim"] for r in rows] == ["Shown claim"]
    assert rows[0]["pseudonym"] == shown.author.username and rows[0]["agree"] == "1"
    assert "@" not in _content(client.get(base + "positions.csv"))
    data = json.loads(_content(client.get(base + "positions.json")))
    assert [d["id"] for d in data] == [shown.pk]
    assert client.get(base + "secrets.csv").status_code == 404


def test_votes_are_pseudonymised_per_topic(client, open_topic, closed_topic):
    voter = UserFactory()
    position = PositionFactory(topic=open_topic)
    Vote.objects.create(position=position, voter=voter, value=-1)
    rows = json.loads(_content(client.get(f"{open_topic.get_absolute_url()}export/votes.json")))
    assert rows == [
        {"participant": participant_id(open_topic, voter.pk), "position": position.pk, "vote": -1}
    ]
    assert str(voter.pk) != rows[0]["participant"]
    assert participant_id(open_topic, voter.pk) != participant_id(closed_topic, voter.pk)


def test_each_export_costs_constant_queries(client, open_topic, django_assert_max_num_queries):
    for _ in range(30):
        position = PositionFactory(topic=open_topic)
        Vote.objects.create(position=position, voter=UserFactory(), value=1)
    for kind in ("positions", "votes", "summary"):
        with django_assert_max_num_queries(5):
            _content(client.get(f"{open_topic.get_absolute_url()}export/{kind}.csv"))


def test_the_consultation_zip_and_the_command(client, open_topic, tmp_path):
    PositionFactory(topic=open_topic)
    # The task (run at once in tests) stores the ZIP; the view serves the stored file.
    response = client.get(f"{open_topic.consultation.get_absolute_url()}export.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert f"{open_topic.consultation.slug}/{open_topic.slug}/positions.csv" in names
    assert len(names) == 6
    out = io.StringIO()
    call_command("export_consultation", open_topic.consultation.slug, str(tmp_path), stdout=out)
    assert (tmp_path / f"{open_topic.consultation.slug}.zip").exists()
    assert "6/6" in out.getvalue()


def test_atom_feeds(client, open_topic):
    position = PositionFactory(topic=open_topic, claim="Feed claim")
    feed = client.get(f"{open_topic.get_absolute_url()}feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Feed claim" in feed.content.decode()
    assert position.author.email not in feed.content.decode()
    assert client.get("/feeds/consultations/").status_code == 200
    assert client.get("/feeds/summaries/").status_code == 200


def test_the_zip_page_says_it_is_being_prepared_while_the_task_runs(
    client, open_topic, monkeypatch
):
    from types import SimpleNamespace

    from forum.opendata import views

    # A worker that has not run yet.
    monkeypatch.setattr(views, "export_consultation", SimpleNamespace(enqueue=lambda *a: None))
    response = client.get(f"{open_topic.consultation.get_absolute_url()}export.zip")
    assert response.status_code == 202
    assert "being packed" in response.content.decode()
