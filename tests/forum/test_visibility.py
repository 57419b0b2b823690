"""The one visibility rule (forum/visibility.py): its truth table, and the side paths that
each used to check it for themselves."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from forum.discussion.forms import ReplyForm
from forum.models import DiscussionFollow, Phase, Position, Reply, Vote
from forum.summaries import coverage
from forum.summaries import services as summaries
from forum.visibility import Access, Placeholder, position_access, shown_position
from moderation import services as moderation
from moderation.models import ModeratedItem, ModerationStatus, Reason, Report, Sanction
from tests.factories import PositionFactory, UserFactory, make_reply

POST_URL = "/comments/post/"


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(moderation.moderators_group())
    return user


def _set_state(position: Position, state: str, moderator) -> Position:
    """Put a position in a moderation state the way moderation does, logged."""
    item = moderation.item_track(content=position, holds=[])
    if state == "held":
        position.apply_moderation(status=ModerationStatus.HELD, reason=Reason.SCREENING)
        position.save(update_fields=["moderation_status", "moderation_reason"])
        ModeratedItem.objects.filter(pk=item.pk).update(status=ModerationStatus.HELD)
    elif state in ("hidden", "removed"):
        action = "hide" if state == "hidden" else "remove"
        moderation.item_act(moderator=moderator, item=item, action=action, reason=Reason.SPAM)
    position.refresh_from_db()
    return position


def _role(role: str, author, moderator):
    if role == "visitor":
        return AnonymousUser()
    if role == "author":
        return author
    if role == "moderator":
        return moderator
    if role == "admin":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=role)
    if role == "suspended":
        from django.utils import timezone

        Sanction.objects.create(
            user=user,
            kind="suspension",
            reason=Reason.SPAM,
            until=timezone.now() + timezone.timedelta(days=1),
        )
    return user


FULL, PLACEHOLDER, NONE = Access.FULL, Access.PLACEHOLDER, Access.NONE
# state → access for (visitor, citizen, suspended, author, moderator, admin)
TABLE = {
    "visible": (FULL, FULL, FULL, FULL, FULL, FULL),
    "held": (NONE, NONE, NONE, FULL, FULL, FULL),
    "hidden": (PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, FULL, FULL, FULL),
    "removed": (PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, FULL, FULL, FULL),
}
ROLES = ("visitor", "citizen", "suspended", "author", "moderator", "admin")


@pytest.mark.parametrize("phase", [Phase.OPEN, Phase.CLOSED, Phase.DRAFT])
@pytest.mark.parametrize("state", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_position_access_truth_table(role, state, phase, moderator, open_topic):
    position = _set_state(PositionFactory(topic=open_topic), state, moderator)
    # The phase last: moderators who are not organizers cannot act inside a draft.
    consultation = open_topic.consultation
    consultation.phase = phase
    consultation.save(update_fields=["phase"])
    position.refresh_from_db()
    user = _role(role, position.author, moderator)
    expected = TABLE[state][ROLES.index(role)]
    if phase == Phase.DRAFT and role != "admin":
        expected = NONE  # drafts are the organizers' (forum.view_draft_consultation) alone
    assert position_access(user, position) == expected
    listed = Position.objects.visible_to(user).filter(pk=position.pk).exists()
    readable = Position.objects.readable_by(user).filter(pk=position.pk).exists()
    assert (listed, readable) == (expected > NONE, expected == FULL)
    public = Position.objects.public().filter(pk=position.pk).exists()
    assert public == (state == "visible" and phase != Phase.DRAFT)


def test_a_placeholder_says_why_and_never_carries_the_text(moderator, open_topic):
    position = _set_state(
        PositionFactory(topic=open_topic, claim="SECRET claim"), "removed", moderator
    )
    shown = shown_position(AnonymousUser(), position)
    assert isinstance(shown, Placeholder)
    assert shown.claim == "Removed by a moderator: spam." == shown.body_html
    assert "SECRET" not in shown.claim and shown.get_absolute_url() == position.get_absolute_url()


@pytest.mark.parametrize("state", ["held", "hidden", "removed"])
def test_the_report_form_never_quotes_or_takes_reports_on_content_one_may_not_read(
    client, citizen, moderator, open_topic, state
):
    position = _set_state(
        PositionFactory(topic=open_topic, claim="PRIVATE phone 010-1234-5678"), state, moderator
    )
    client.force_login(citizen)
    url = f"/moderation/report/forum.position/{position.pk}/"
    page = client.get(url)
    assert page.status_code == 404 and "PRIVATE" not in page.content.decode()
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_the_report_form_of_a_draft_consultation_is_404(client, citizen, draft_topic):
    position = PositionFactory(topic=draft_topic, claim="DRAFT claim")
    client.force_login(citizen)
    page = client.get(f"/moderation/report/forum.position/{position.pk}/")
    assert page.status_code == 404 and "DRAFT" not in page.content.decode()


def _reply_data(position, *, parent=None, text="A crafted reply"):
    data = ReplyForm(position).generate_security_data()
    data.update(comment=text, leaning="neutral", reply_to=parent.pk if parent else 0)
    return data


@pytest.mark.parametrize("state", ["held", "hidden", "removed"])
def test_a_crafted_reply_or_follow_on_content_one_may_not_read_is_404_and_writes_nothing(
    client, citizen, moderator, open_topic, state
):
    position = _set_state(PositionFactory(topic=open_topic), state, moderator)
    client.force_login(citizen)
    assert client.post(POST_URL, _reply_data(position)).status_code == 404
    follow = client.post(f"{position.get_absolute_url()}follow/", {"action": "follow"})
    assert follow.status_code == 404
    assert client.post(f"{position.get_absolute_url()}vote/", {"value": "1"}).status_code == 404
    assert not Reply.objects.exists() and not DiscussionFollow.objects.exists()
    assert not Vote.objects.exists()


def test_the_author_of_a_hidden_position_reads_it_but_it_takes_no_replies(
    client, moderator, open_topic
):
    position = _set_state(PositionFactory(topic=open_topic), "hidden", moderator)
    client.force_login(position.author)
    assert client.get(position.get_absolute_url()).status_code == 200
    assert client.post(POST_URL, _reply_data(position)).status_code == 403
    assert not Reply.objects.exists()


def test_answering_a_reply_under_a_hidden_position_does_not_print_its_claim(
    client, citizen, moderator, open_topic
):
    position = PositionFactory(topic=open_topic, claim="HIDDEN claim")
    reply = make_reply(position)
    _set_state(position, "hidden", moderator)
    client.force_login(citizen)
    page = client.get(f"{position.get_absolute_url()}replies/{reply.pk}/answer/")
    assert page.status_code == 404 and "HIDDEN" not in page.content.decode()
    # The position's page shows the placeholder, and the reply under it stays readable.
    page = client.get(position.get_absolute_url()).content.decode()
    assert "HIDDEN" not in page and "Hidden by a moderator: spam." in page
    assert reply.comment_html in page


def test_a_crafted_answer_to_a_held_reply_is_404(client, citizen, open_topic):
    position = PositionFactory(topic=open_topic)
    held = make_reply(position, text="HELD reply", moderation_status="held", is_public=False)
    client.force_login(citizen)
    assert client.post(POST_URL, _reply_data(position, parent=held)).status_code == 404
    assert client.get(f"/replies/{held.pk}/").status_code == 404
    assert Reply.objects.count() == 1


def test_summary_references_show_the_placeholder_once_a_cited_position_is_hidden(
    client, moderator, closed_topic
):
    stances = list(closed_topic.stances.all())
    positions = [
        PositionFactory(topic=closed_topic, stance=s, claim=f"CITED claim {s.key}") for s in stances
    ]
    body = coverage.summary_template(scope=closed_topic)
    assert "CITED" not in body  # the template cites; it never copies a citizen's words
    body += "\n".join(f"\n## {p.stance.label}\n\n- Said well [[P{p.pk}]]" for p in positions)
    draft = summaries.summary_draft_save(editor=moderator, scope=closed_topic, body=body)
    summaries.summary_publish(
        publisher=moderator,
        scope=closed_topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="test",
    )
    page = client.get(f"{closed_topic.get_absolute_url()}summary/").content.decode()
    assert "CITED claim privacy" in page
    _set_state(positions[0], "hidden", moderator)
    page = client.get(f"{closed_topic.get_absolute_url()}summary/").content.decode()
    assert "CITED claim privacy" not in page and "Hidden by a moderator: spam." in page
    assert "CITED claim investigation" in page


def test_the_consultation_zip_is_rebuilt_once_a_moderator_hides_something_in_it(
    client, moderator, open_topic
):
    position = PositionFactory(topic=open_topic, claim="ZIPPED claim")
    url = f"{open_topic.consultation.get_absolute_url()}export.zip"

    def zipped_text() -> str:
        response = client.get(url)
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        return "".join(archive.read(name).decode() for name in archive.namelist())

    assert "ZIPPED claim" in zipped_text()
    _set_state(position, "hidden", moderator)
    assert "ZIPPED claim" not in zipped_text()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client, open_topic):
    PositionFactory(topic=open_topic, claim='=HYPERLINK("https://evil.example","x")')
    PositionFactory(topic=open_topic, claim="@SUM(A1)")
    text = b"".join(
        client.get(f"{open_topic.get_absolute_url()}export/positions.csv").streaming_content
    ).decode()
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert "\n=" not in text and ",=" not in text and ",@" not in text


def test_the_summaries_feed_lists_a_whole_consultation_summary(client, moderator, closed_topic):
    consultation = closed_topic.consultation
    PositionFactory(topic=closed_topic)
    draft = summaries.summary_draft_save(editor=moderator, scope=consultation, body="## Intro\n")
    summaries.summary_publish(
        publisher=moderator,
        scope=consultation,
        version_number=draft.number,
        publish_anyway=True,
        reason="test",
    )
    feed = client.get("/feeds/summaries/")
    assert feed.status_code == 200 and consultation.title in feed.content.decode()


def test_the_admin_cannot_delete_a_reply(client, organizer, open_topic):
    reply = make_reply(PositionFactory(topic=open_topic))
    client.force_login(organizer)
    response = client.post(f"/admin/forum/reply/{reply.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Reply.objects.filter(pk=reply.pk).exists()


def test_a_suspended_account_is_told_it_is_suspended_not_to_verify(client, open_topic):
    from django.utils import timezone

    from forum.positions.permissions import check_can_post_position

    user = UserFactory(username="late", verified=False)
    Sanction.objects.create(
        user=user,
        kind="suspension",
        reason=Reason.SPAM,
        until=timezone.now() + timezone.timedelta(days=2),
    )
    with pytest.raises(Exception, match="suspended"):
        check_can_post_position(user, open_topic)


def test_follower_mail_never_quotes_a_position_the_follower_may_not_read(
    client, citizen, moderator, open_topic, django_capture_on_commit_callbacks
):
    position = PositionFactory(topic=open_topic, claim="FOLLOWED claim")
    DiscussionFollow.objects.create(user=citizen, position=position)
    other = UserFactory(username="replier")
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(POST_URL, _reply_data(position))
    assert any("FOLLOWED claim" in m.body for m in mail.outbox)
    _set_state(position, "removed", moderator)
    mail.outbox.clear()
    # Removed: it takes no replies, so nothing is sent about it at all.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(POST_URL, _reply_data(position)).status_code == 404
    assert not mail.outbox


def test_a_held_position_s_author_is_told_it_awaits_review_not_that_it_is_published(
    client, citizen, open_topic
):
    client.force_login(citizen)
    stance = open_topic.stances.first()
    response = client.post(
        f"{open_topic.get_absolute_url()}positions/new/",
        {"stance": stance.pk, "claim": "Call me", "body": "On 010-1234-5678 any time."},
        follow=True,
    )
    page = response.content.decode()
    assert "waits for a moderator" in page and "Your position is published." not in page


def test_a_publish_that_fails_says_why_and_never_only_that_the_draft_is_saved(
    client, moderator, closed_topic
):
    position = PositionFactory(topic=closed_topic)
    client.force_login(moderator)
    url = f"{closed_topic.get_absolute_url()}summary/edit/"
    body = f"## Introduction\n\nWhy.\n\n## Arguments\n\n- Said [[P{position.pk}]]\n"
    # Uncited stances are warnings: publishing without "publish anyway" is refused.
    response = client.post(url, {"body": body, "action": "publish"}, follow=True)
    page = response.content.decode()
    assert "not published" in page and "publish anyway" in page
    assert "The draft is saved." not in page
    assert not closed_topic.summary.versions.filter(status="published").exists()


def test_a_mute_link_never_shows_a_position_hidden_since_the_mail(
    client, citizen, moderator, open_topic
):
    from forum.discussion.services import discussion_mute_token

    position = PositionFactory(topic=open_topic, claim="MUTED claim")
    follow = DiscussionFollow.objects.create(user=citizen, position=position)
    url = f"/discussions/mute/{discussion_mute_token(follow)}/"
    assert "MUTED claim" in client.get(url).content.decode()
    _set_state(position, "hidden", moderator)
    page = client.get(url).content.decode()
    assert "MUTED claim" not in page and "Hidden by a moderator: spam." in page
    assert DiscussionFollow.objects.exists()  # opening the link changes nothing
    page = client.post(url).content.decode()
    assert "MUTED claim" not in page and not DiscussionFollow.objects.exists()
