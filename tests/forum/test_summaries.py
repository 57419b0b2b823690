"""Summaries: drafts with citations, the coverage check, publishing, corrections, mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from forum.models import Citation, Phase, SummaryVersion, Vote
from forum.summaries import coverage as summaries_coverage
from forum.summaries import services as summaries_services
from forum.summaries.tasks import summary_participants_notify
from moderation import services as moderation_services
from moderation.models import Reason
from tests.factories import PositionFactory, UserFactory, make_reply


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(moderation_services.moderators_group())
    return user


@pytest.fixture
def closed(closed_topic):
    stances = list(closed_topic.stances.all())
    positions = [
        PositionFactory(topic=closed_topic, stance=stances[i % len(stances)]) for i in range(3)
    ]
    return closed_topic, positions


def _body(positions, *, skip_last_stance=False):
    cited = positions[:2] if skip_last_stance else positions
    lines = "\n".join(f"- {p.claim} [[P{p.pk}]]" for p in cited)
    return f"## Introduction\n\nWhy.\n\n## Arguments\n\n{lines}\n\n## Method\n\nHow.\n"


def test_the_editor_starts_from_a_structure_and_the_statistics_are_generated(
    client, moderator, closed
):
    topic, positions = closed
    Vote.objects.create(position=positions[0], voter=UserFactory(), value=1)
    make_reply(positions[0])
    client.force_login(moderator)
    page = client.get(f"{topic.get_absolute_url()}summary/edit/")
    assert page.status_code == 200
    body = page.context["form"].initial["body"]
    assert "## Introduction" in body and "## Method" in body and "## Points of agreement" in body
    for stance in topic.stances.all():
        assert f"## {stance.label}" in body
    assert f"[[P{positions[0].pk}]]" in body
    stats = summaries_coverage.summary_stats(scope=topic)
    assert (stats["positions"], stats["votes"], stats["replies"]) == (3, 1, 1)
    assert stats["participants"] == 5


def test_citations_render_as_numbered_references_and_are_stored_as_rows(moderator, closed):
    topic, positions = closed
    draft = summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions)
    )
    assert 'href="#ref-1"' in draft.body_html and 'href="#ref-3"' in draft.body_html
    assert list(draft.citations.values_list("position_id", "number")) == [
        (p.pk, i) for i, p in enumerate(positions, start=1)
    ]


def test_citing_a_position_of_another_topic_is_refused(moderator, closed, open_topic):
    topic, _positions = closed
    elsewhere = PositionFactory(topic=open_topic)
    with pytest.raises(ValidationError, match=f"P{elsewhere.pk}"):
        summaries_services.summary_draft_save(
            editor=moderator, scope=topic, body=f"## A\n\n[[P{elsewhere.pk}]]"
        )
    assert not SummaryVersion.objects.exists()


def test_a_summary_on_an_open_topic_or_by_a_citizen_is_refused(
    moderator, citizen, open_topic, closed
):
    with pytest.raises(PermissionDenied, match="still open"):
        summaries_services.summary_draft_save(editor=moderator, scope=open_topic, body="## A\n")
    with pytest.raises(PermissionDenied, match="Only moderators"):
        summaries_services.summary_draft_save(editor=citizen, scope=closed[0], body="## A\n")


def test_the_coverage_check_warns_and_publishing_then_needs_a_reason(moderator, closed):
    topic, positions = closed
    body = _body(positions, skip_last_stance=True) + "\n## Open questions\n\nNone cited.\n"
    draft = summaries_services.summary_draft_save(editor=moderator, scope=topic, body=body)
    warnings = summaries_coverage.coverage_check(scope=topic, body=body).warnings
    last_stance = positions[2].stance.label
    assert any(last_stance in w for w in warnings)
    assert any("Open questions" in w for w in warnings)
    assert not any("Introduction" in w or "Method" in w for w in warnings)
    with pytest.raises(ValidationError, match="publish anyway"):
        summaries_services.summary_publish(
            publisher=moderator, scope=topic, version_number=draft.number
        )
    published = summaries_services.summary_publish(
        publisher=moderator,
        scope=topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="Nobody argued the third stance in depth.",
    )
    assert published.publish_anyway_reason == "Nobody argued the third stance in depth."


def test_citing_a_removed_position_is_a_warning(moderator, closed):
    topic, positions = closed
    item = moderation_services.item_track(content=positions[0], holds=[])
    moderation_services.item_act(
        moderator=moderator, item=item, action="remove", reason=Reason.SPAM
    )
    warnings = summaries_coverage.coverage_check(scope=topic, body=_body(positions)).warnings
    assert any(f"P{positions[0].pk}" in w for w in warnings)


def test_publishing_with_no_text_is_refused(moderator, closed):
    topic, _positions = closed
    draft = summaries_services.summary_draft_save(editor=moderator, scope=topic, body="   ")
    with pytest.raises(ValidationError, match="Write the summary"):
        summaries_services.summary_publish(
            publisher=moderator,
            scope=topic,
            version_number=draft.number,
            publish_anyway=True,
            reason="x",
        )


def test_publish_notifies_participants_moves_the_consultation_and_shows_the_page(
    client, moderator, closed, django_capture_on_commit_callbacks
):
    topic, positions = closed
    voter = UserFactory(username="voter")
    Vote.objects.create(position=positions[0], voter=voter, value=1)
    draft = summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions)
    )
    with django_capture_on_commit_callbacks(execute=True):
        summaries_services.summary_publish(
            publisher=moderator,
            scope=topic,
            version_number=draft.number,
            then=summary_participants_notify.enqueue,
        )
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    topic.consultation.refresh_from_db()
    assert topic.consultation.phase == Phase.SUMMARISED
    recipients = {m.to[0] for m in mail.outbox}
    assert voter.email in recipients and positions[0].author.email in recipients
    message = next(m for m in mail.outbox if m.to == [voter.email])
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    page = client.get(f"{topic.get_absolute_url()}summary/").content.decode()
    assert 'id="ref-1"' in page and positions[0].claim in page
    assert "In figures" in page
    assert "Cited in the summary" in client.get(positions[0].get_absolute_url()).content.decode()
    path = unsubscribe.split("127.0.0.1:8000", 1)[1]
    # Opening the link (as mail scanners do) only asks; the POST unsubscribes (RFC 8058).
    assert "Stop these e-mails" in client.get(path).content.decode()
    voter.refresh_from_db()
    assert voter.summary_emails is True
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    voter.refresh_from_db()
    assert voter.summary_emails is False


def test_a_published_version_is_immutable_and_a_correction_is_a_new_version(
    client, moderator, closed
):
    topic, positions = closed
    first = summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions)
    )
    summaries_services.summary_publish(
        publisher=moderator, scope=topic, version_number=first.number
    )
    correction = summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions) + "\nMore.\n"
    )
    assert correction.number == 2
    first.refresh_from_db()
    assert first.status == SummaryVersion.Status.PUBLISHED and "More." not in first.body
    with pytest.raises(ValidationError, match="what this correction changes"):
        summaries_services.summary_publish(publisher=moderator, scope=topic, version_number=2)
    summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions) + "\nMore.\n", change_note="Typo."
    )
    summaries_services.summary_publish(publisher=moderator, scope=topic, version_number=2)
    page = client.get(f"{topic.get_absolute_url()}summary/")
    assert page.context["version"].number == 2
    assert "Version 1" in page.content.decode()
    assert client.get(f"{topic.get_absolute_url()}summary/?version=1").context["version"] == first
    assert client.get(f"{topic.get_absolute_url()}summary/?version=9").status_code == 404


def test_two_moderators_publishing_at_once_one_wins(moderator, closed):
    topic, positions = closed
    draft = summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions)
    )
    other = UserFactory(username="mod2", is_staff=True)
    other.groups.add(moderation_services.moderators_group())
    summaries_services.summary_publish(
        publisher=moderator, scope=topic, version_number=draft.number
    )
    with pytest.raises(ValidationError, match="published already"):
        summaries_services.summary_publish(
            publisher=other, scope=topic, version_number=draft.number
        )
    assert SummaryVersion.objects.filter(status="published").count() == 1


def test_the_editor_publishes_through_the_form(client, moderator, closed):
    topic, positions = closed
    client.force_login(moderator)
    url = f"{topic.get_absolute_url()}summary/edit/"
    response = client.post(url, {"body": _body(positions), "action": "publish"})
    assert response.status_code == 302
    assert SummaryVersion.objects.get().status == "published"
    assert Citation.objects.count() == 3


def test_citizens_cannot_open_the_editor(client, citizen, closed):
    client.force_login(citizen)
    assert client.get(f"{closed[0].get_absolute_url()}summary/edit/").status_code == 403


def test_the_summary_page_costs_constant_queries(
    client, moderator, closed, django_assert_num_queries
):
    topic, positions = closed
    for _ in range(20):
        positions.append(PositionFactory(topic=topic, stance=positions[0].stance))
    draft = summaries_services.summary_draft_save(
        editor=moderator, scope=topic, body=_body(positions)
    )
    summaries_services.summary_publish(
        publisher=moderator, scope=topic, version_number=draft.number
    )
    # generations, topic, stances, sources, versions, citations with positions, opinion map.
    with django_assert_num_queries(7):
        assert client.get(f"{topic.get_absolute_url()}summary/").status_code == 200


def test_a_summary_of_the_whole_consultation(client, moderator, closed, closed_topic):
    topic, positions = closed
    other = PositionFactory(topic=closed_topic)
    consultation = topic.consultation
    client.force_login(moderator)
    editor = client.get(f"{consultation.get_absolute_url()}summary/edit/")
    assert editor.status_code == 200
    assert "## Introduction" in editor.context["form"].initial["body"]
    draft = summaries_services.summary_draft_save(
        editor=moderator, scope=consultation, body=_body([*positions, other])
    )
    assert draft.summary.consultation == consultation and draft.summary.topic is None
    summaries_services.summary_publish(
        publisher=moderator, scope=consultation, version_number=draft.number
    )
    page = client.get(f"{consultation.get_absolute_url()}summary/")
    assert page.status_code == 200
    assert other.claim in page.content.decode()
    assert (
        "Summary of the whole consultation"
        in client.get(consultation.get_absolute_url()).content.decode()
    )


def test_a_consultation_summary_cannot_cite_another_consultation(moderator, closed, open_topic):
    consultation = closed[0].consultation
    elsewhere = PositionFactory(topic=open_topic)
    with pytest.raises(ValidationError):
        summaries_services.summary_draft_save(
            editor=moderator, scope=consultation, body=f"## A\n\n[[P{elsewhere.pk}]]"
        )
