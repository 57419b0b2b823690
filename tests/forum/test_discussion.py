"""Replies under positions: django-comments-xtd with each of its known traps closed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.template.loader import get_template
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from forum.discussion.forms import ReplyForm
from forum.discussion.wiring import PositionModerator
from forum.models import DiscussionFollow, Leaning, Phase, Reply
from moderation import services as moderation_services
from moderation.models import Report
from tests.factories import PositionFactory, UserFactory, make_reply

POST_URL = "/comments/post/"


def reply_data(position, *, text="A reply.", leaning=Leaning.IN_FAVOUR, parent=None, **extra):
    """What the reply form posts: the library's signed fields plus Agora's."""
    data = ReplyForm(position).generate_security_data()
    data.update(
        comment=text,
        leaning=leaning,
        reply_to=parent.pk if parent else 0,
        next=position.get_absolute_url(),
        **extra,
    )
    return data


@pytest.fixture
def position(open_topic, other_citizen):
    return PositionFactory(topic=open_topic, author=other_citizen)


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def _moderate(moderator, content, action, reason="harassment"):
    item = moderation_services.item_track(content=content, holds=[])
    moderation_services.item_act(moderator=moderator, item=item, action=action, reason=reason)


# Posting -------------------------------------------------------------------------------------


def test_citizen_replies_and_sees_the_reply_with_its_leaning(citizen_client, citizen, position):
    response = citizen_client.post(POST_URL, reply_data(position, text="I **agree**."))
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.user, reply.leaning, reply.level) == (citizen, Leaning.IN_FAVOUR, 0)
    assert reply.comment_html == "<p>I <strong>agree</strong>.</p>"
    page = citizen_client.get(response["Location"]).content.decode()
    assert page.count('id="discussion"') == 1
    assert f"<title>{position.claim} · Agora</title>" in page
    assert "Your reply is published." in page
    assert "<p>I <strong>agree</strong>.</p>" in page
    assert 'class="leaning leaning-in_favour"' in page
    assert "In favour" in page


def test_a_second_citizen_answers_a_reply_in_the_same_thread(
    client, citizen, other_citizen, position
):
    first = make_reply(position, author=citizen)
    client.force_login(other_citizen)
    response = client.post(
        POST_URL, reply_data(position, parent=first, text="No.", leaning=Leaning.AGAINST)
    )
    assert response.status_code == 302
    answer = Reply.objects.exclude(pk=first.pk).get()
    assert (answer.thread_id, answer.parent_id, answer.level) == (first.pk, first.pk, 1)
    assert answer.leaning == Leaning.AGAINST


def test_identity_comes_from_the_account_whatever_is_posted(citizen_client, citizen, position):
    data = reply_data(
        position, name="other", email="victim@example.org", url="https://evil.example/"
    )
    assert citizen_client.post(POST_URL, data).status_code == 302
    reply = Reply.objects.get()
    assert reply.user == citizen
    assert reply.user_name == "citizen"
    assert reply.user_email == ""
    assert reply.user_url == ""


def test_no_ip_address_is_stored(citizen_client, position):
    citizen_client.post(POST_URL, reply_data(position), REMOTE_ADDR="203.0.113.9")
    assert Reply.objects.get().ip_address is None
    assert not Reply.objects.exclude(ip_address=None).exists()


def test_preview_renders_markdown_and_posts_nothing(citizen_client, position):
    response = citizen_client.post(
        POST_URL, reply_data(position, text="*careful* words", preview="1")
    )
    assert response.status_code == 200
    assert "<em>careful</em> words" in response.content.decode()
    assert not Reply.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your reply before you post it."),
        ("   ", "Write your reply before you post it."),
        ("x" * 10_001, "Ensure this value has at most 10000 characters"),
    ],
    ids=["empty", "blank", "too-long"],
)
def test_bad_reply_text_gets_a_message_and_writes_nothing(citizen_client, position, text, message):
    response = citizen_client.post(POST_URL, reply_data(position, text=text))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reply.objects.exists()


def test_a_reply_with_a_nul_is_refused_with_a_400_and_writes_nothing(citizen_client, position):
    response = citizen_client.post(POST_URL, reply_data(position, text="bad\x00byte"))
    assert response.status_code == 400
    assert "The request contained a NUL character" in response.content.decode()
    assert not Reply.objects.exists()


def test_the_longest_allowed_reply_is_accepted(citizen_client, position):
    assert citizen_client.post(POST_URL, reply_data(position, text="x" * 10_000)).status_code == 302


def test_an_invalid_leaning_is_refused(citizen_client, position):
    response = citizen_client.post(POST_URL, reply_data(position, leaning="hostile"))
    assert "Choose in favour, against or neutral." in response.content.decode()
    assert not Reply.objects.exists()


def test_replying_to_a_reply_on_another_position_is_refused(citizen_client, open_topic, position):
    elsewhere = make_reply(PositionFactory(topic=open_topic))
    response = citizen_client.post(POST_URL, reply_data(position, parent=elsewhere))
    assert "You can only answer a reply in this discussion." in response.content.decode()
    assert Reply.objects.count() == 1


def test_replying_to_a_missing_reply_is_refused(citizen_client, position):
    data = reply_data(position)
    data["reply_to"] = 999_999
    response = citizen_client.post(POST_URL, data)
    assert response.status_code == 200
    assert "You can only answer a reply in this discussion." in response.content.decode()
    assert not Reply.objects.exists()


def test_replying_to_a_removed_reply_is_refused(citizen_client, position):
    removed = make_reply(position, is_removed=True)
    response = citizen_client.post(POST_URL, reply_data(position, parent=removed))
    assert "That reply was removed, so it cannot be answered." in response.content.decode()
    assert Reply.objects.count() == 1


def test_a_reply_past_the_maximum_depth_answers_400_and_leaves_no_row(citizen_client, position):
    top = make_reply(position)
    middle = make_reply(position, parent=top)
    deepest = make_reply(position, parent=middle)
    assert deepest.level == settings.COMMENTS_XTD_MAX_THREAD_LEVEL == 2
    response = citizen_client.post(POST_URL, reply_data(position, parent=deepest))
    assert response.status_code == 400
    assert Reply.objects.count() == 3
    assert (
        citizen_client.get(f"{position.get_absolute_url()}replies/{deepest.pk}/answer/").status_code
        == 404
    )


@pytest.mark.parametrize(
    "tamper",
    [
        {"security_hash": "0" * 40},
        {"content_type": "forum.topic"},
        {"content_type": "nosuch.model"},
        {"timestamp": "1"},
    ],
    ids=["hash", "other-model", "no-model", "expired"],
)
def test_malformed_posts_answer_400_and_write_nothing(citizen_client, position, tamper):
    response = citizen_client.post(POST_URL, {**reply_data(position), **tamper})
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_a_post_under_a_missing_position_is_404_like_one_under_a_held_position(
    citizen_client, position
):
    # The same answer as for content one may not see, so that ids reveal nothing.
    response = citizen_client.post(POST_URL, {**reply_data(position), "object_pk": "999999"})
    assert response.status_code == 404
    assert not Reply.objects.exists()


def test_a_valid_signature_for_another_model_is_still_refused(citizen_client, open_topic):
    form = ReplyForm(open_topic)
    data = {**form.generate_security_data(), "comment": "hi", "leaning": "neutral", "reply_to": 0}
    assert citizen_client.post(POST_URL, data).status_code == 400
    assert not Reply.objects.exists()


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        "<iframe src='https://evil.example'></iframe><div style='x'>raw</div>",
    ],
)
def test_hostile_markdown_comes_out_inert(citizen_client, position, source):
    citizen_client.post(POST_URL, reply_data(position, text=source))
    html = Reply.objects.get().comment_html.lower()
    for marker in ("<script", "javascript:", "onerror", "<iframe", "<img", "style="):
        assert marker not in html


# Who may reply -----------------------------------------------------------------------------


def test_replying_is_closed_with_the_topic_and_a_crafted_post_is_refused(
    citizen_client, closed_topic
):
    position = PositionFactory(topic=closed_topic)
    page = citizen_client.get(position.get_absolute_url()).content.decode()
    assert "This consultation is closed: it no longer accepts replies." in page
    assert 'action="/comments/post/"' not in page
    response = citizen_client.post(POST_URL, reply_data(position))
    assert response.status_code in (400, 403)
    assert not Reply.objects.exists()


def test_visitors_are_asked_to_sign_in_and_cannot_post(client, position):
    page = client.get(position.get_absolute_url()).content.decode()
    assert "to reply." in page
    response = client.post(POST_URL, reply_data(position))
    assert response.status_code == 403
    assert "Sign in to reply." in response.content.decode()
    assert not Reply.objects.exists()


def test_unverified_accounts_are_told_to_verify_and_cannot_post(
    client, unverified_citizen, position
):
    client.force_login(unverified_citizen)
    page = client.get(position.get_absolute_url()).content.decode()
    assert "Verify your e-mail address before you reply." in page
    assert client.post(POST_URL, reply_data(position)).status_code == 403
    assert not Reply.objects.exists()


def test_the_moderator_is_registered_on_the_xtd_registry_and_closes_with_the_topic(
    rf, open_topic, closed_topic
):
    from django_comments_xtd.moderation import moderator

    from forum.models import Position

    registered = moderator._registry[Position]
    assert isinstance(registered, PositionModerator)
    assert registered.enable_field == "discussion_open"
    open_position = PositionFactory(topic=open_topic)
    closed_position = PositionFactory(topic=closed_topic)
    request = rf.post(POST_URL)
    assert registered.allow(None, open_position, request) is True
    assert registered.allow(None, closed_position, request) is False


# The tree, counts and speed --------------------------------------------------------------


def test_removed_replies_leave_a_placeholder_and_their_answers_stay(client, moderator, position):
    parent = make_reply(position, text="removed words")
    make_reply(position, parent=parent, text="answer stays")
    _moderate(moderator, parent, "remove")
    page = client.get(position.get_absolute_url()).content.decode()
    assert "removed words" not in page
    assert "Removed by a moderator: harassment." in page
    assert "answer stays" in page


def test_removing_and_restoring_a_parent_keeps_each_answers_own_state(moderator, position):
    parent = make_reply(position)
    kept = make_reply(position, parent=parent, text="kept")
    removed_alone = make_reply(position, parent=parent, text="removed alone")
    _moderate(moderator, removed_alone, "remove")
    _moderate(moderator, parent, "remove")
    kept.refresh_from_db()
    assert (kept.is_public, kept.is_removed) == (True, False)
    # A plain save of the parent, as the library's own views do, must not cascade either.
    parent.refresh_from_db()
    parent.save()
    _moderate(moderator, parent, "restore", reason="within_rules")
    parent.refresh_from_db()
    removed_alone.refresh_from_db()
    kept.refresh_from_db()
    assert (parent.is_public, parent.is_removed) == (True, False)
    assert (removed_alone.is_public, removed_alone.is_removed) == (False, True)
    assert (kept.is_public, kept.is_removed) == (True, False)


def test_moderators_see_moderation_links_and_citizens_do_not(client, citizen, moderator, position):
    reply = make_reply(position)
    link = f"/moderation/content/forum.reply/{reply.pk}/"
    client.force_login(citizen)
    assert link not in client.get(position.get_absolute_url()).content.decode()
    assert client.get(link).status_code == 403
    client.force_login(moderator)
    page = client.get(position.get_absolute_url()).content.decode()
    assert link in page
    review = client.get(link, follow=True)
    assert review.status_code == 200
    assert "Review an item" in review.content.decode()


def test_the_tree_templates_are_agoras_at_the_library_paths():
    for name in (
        "django_comments_xtd/comment_tree.html",
        "django_comments_xtd/comment.html",
        "comments/preview.html",
        "comments/posted.html",
    ):
        origin = Path(get_template(name).origin.name)
        assert origin.is_relative_to(settings.BASE_DIR / "templates"), name


def test_reply_counts_show_on_the_topic_page_without_queries_per_card(
    client, open_topic, django_assert_num_queries
):
    positions = [PositionFactory(topic=open_topic) for _ in range(3)]
    for _ in range(4):
        make_reply(positions[0])
    make_reply(positions[1])
    make_reply(positions[1], is_removed=True)
    with django_assert_num_queries(8):  # tests/forum/test_queries.py counts them
        response = client.get(open_topic.get_absolute_url())
    counts = {p.pk: p.reply_count for p in response.context["page"].object_list}
    assert counts == {positions[0].pk: 4, positions[1].pk: 1, positions[2].pk: 0}
    assert "4 replies" in response.content.decode()


def test_long_discussions_are_paginated_by_thread_most_recent_first(client, position):
    for index in range(25):
        make_reply(position, text=f"thread {index}")
    first = client.get(position.get_absolute_url())
    threads = first.context["discussion"].threads
    assert len(threads) == 20
    assert threads[0].reply.comment == "thread 24"
    second = client.get(position.get_absolute_url() + "?replies=2")
    assert [t.reply.comment for t in second.context["discussion"].threads][-1] == "thread 0"
    assert client.get(position.get_absolute_url() + "?replies=3").status_code == 404
    assert client.get(position.get_absolute_url() + "?replies=x").status_code == 404


def test_an_answer_brings_its_thread_back_to_the_top(client, position):
    old = make_reply(position, text="old thread")
    make_reply(position, text="newer thread")
    make_reply(position, parent=old, text="fresh answer")
    threads = client.get(position.get_absolute_url()).context["discussion"].threads
    assert threads[0].reply == old


def test_big_threads_are_collapsed(client, position):
    root = make_reply(position)
    for _ in range(6):
        make_reply(position, parent=root)
    page = client.get(position.get_absolute_url()).content.decode()
    assert '<details class="answers">' in page
    assert "6 answers" in page


def _discussion_of(position, count):
    authors = UserFactory.create_batch(5)
    roots = []
    for index in range(count):
        parent = roots[index % len(roots)] if roots and index % 3 else None
        reply = make_reply(position, author=authors[index % 5], parent=parent)
        if parent is None:
            roots.append(reply)
    flags = [
        CommentFlag(comment=reply, user=authors[0], flag=LIKEDIT_FLAG, flag_date=timezone.now())
        for reply in Reply.objects.all()[:50]
    ]
    CommentFlag.objects.bulk_create(flags)


# position, its vote tallies (one grouped query), revisions, thread activity, this page's
# replies, their feedback, and for a reader without a session the page generations
# (forum/caching/pages.py).
POSITION_PAGE_QUERIES_VISITOR = 7
# + session, user, verified e-mail (following is part of the position's query).
POSITION_PAGE_QUERIES_CITIZEN = 9
# + the moderator's permissions (user's and groups').
POSITION_PAGE_QUERIES_MODERATOR = 11


@pytest.mark.parametrize("replies", [5, 500])
def test_position_page_costs_constant_queries_whatever_the_discussion(
    client, citizen, moderator, position, django_assert_num_queries, replies
):
    _discussion_of(position, replies)
    with django_assert_num_queries(POSITION_PAGE_QUERIES_VISITOR):
        assert client.get(position.get_absolute_url()).status_code == 200
    client.force_login(citizen)
    with django_assert_num_queries(POSITION_PAGE_QUERIES_CITIZEN):
        response = client.get(position.get_absolute_url())
    assert response.context["discussion"].reply_count == replies
    client.force_login(moderator)
    with django_assert_num_queries(POSITION_PAGE_QUERIES_MODERATOR):
        response = client.get(position.get_absolute_url())
    assert "/moderation/content/forum.reply/" in response.content.decode()


# Feedback, flags, follow -----------------------------------------------------------------


def _action_url(position, reply, action):
    return f"{position.get_absolute_url()}replies/{reply.pk}/{action}/"


def test_like_toggles_and_a_dislike_replaces_it(citizen_client, citizen, position):
    reply = make_reply(position)
    citizen_client.post(_action_url(position, reply, "feedback"), {"kind": "like"})
    assert set(reply.flags.values_list("flag", flat=True)) == {LIKEDIT_FLAG}
    citizen_client.post(_action_url(position, reply, "feedback"), {"kind": "dislike"})
    assert set(reply.flags.values_list("flag", flat=True)) == {"I disliked it"}
    citizen_client.post(_action_url(position, reply, "feedback"), {"kind": "dislike"})
    assert not reply.flags.exists()
    response = citizen_client.post(_action_url(position, reply, "feedback"), {"kind": "love"})
    assert response.status_code == 302
    assert not reply.flags.exists()


def test_nobody_likes_their_own_reply(citizen_client, citizen, position):
    reply = make_reply(position, author=citizen)
    response = citizen_client.post(_action_url(position, reply, "feedback"), {"kind": "like"})
    assert response.status_code == 403
    assert "You cannot like or dislike your own reply." in response.content.decode()
    assert not reply.flags.exists()


def _report_url(reply):
    return f"/moderation/report/forum.reply/{reply.pk}/"


def test_a_report_is_stored_once_and_reaches_moderators(
    citizen_client, organizer, client, moderator, position
):
    reply = make_reply(position)
    page = citizen_client.get(position.get_absolute_url()).content.decode()
    assert _report_url(reply) in page
    first = citizen_client.post(_report_url(reply), {"reason": "harassment"})
    second = citizen_client.post(_report_url(reply), {"reason": "spam"})
    assert first.status_code == second.status_code == 302
    assert Report.objects.count() == 1
    again = citizen_client.get(second["Location"], follow=True).content.decode()
    assert "You have already reported this." in again
    client.force_login(moderator)
    assert reply.comment in client.get("/moderation/queue/").content.decode()
    client.force_login(organizer)
    assert client.get("/admin/moderation/report/").status_code == 200
    assert client.get(f"/admin/forum/reply/{reply.pk}/change/").status_code == 200


def test_nobody_reports_their_own_reply(citizen_client, citizen, position):
    reply = make_reply(position, author=citizen)
    assert (
        _report_url(reply) not in citizen_client.get(position.get_absolute_url()).content.decode()
    )
    response = citizen_client.post(_report_url(reply), {"reason": "spam"})
    assert response.status_code == 403
    assert "You cannot report your own contribution." in response.content.decode()
    assert not Report.objects.exists()


def test_actions_on_a_reply_of_another_position_are_404(citizen_client, open_topic, position):
    elsewhere = make_reply(PositionFactory(topic=open_topic))
    url = f"{position.get_absolute_url()}replies/{elsewhere.pk}/feedback/"
    assert citizen_client.post(url, {"kind": "like"}).status_code == 404


def test_followers_get_one_mail_per_new_reply_and_mute_with_one_click(
    client, citizen, other_citizen, position, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    follow_url = f"{position.get_absolute_url()}follow/"
    client.post(follow_url, {"action": "follow"})
    assert DiscussionFollow.objects.filter(user=citizen, position=position).exists()
    client.force_login(other_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(POST_URL, reply_data(position, text="News for followers"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert "News for followers" in message.body
    assert "other" in message.body
    mute_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert mute_url in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.logout()
    # Opening the link (as a mail scanner would) asks first; the button mutes.
    response = client.get(mute_url)
    assert response.status_code == 200
    assert "Mute this discussion?" in response.content.decode()
    assert DiscussionFollow.objects.exists()
    response = client.post(mute_url)
    assert "You will get no more e-mail" in response.content.decode()
    assert not DiscussionFollow.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(other_citizen)
        client.post(POST_URL, reply_data(position, text="Nobody is told"))
    assert len(mail.outbox) == 1


def test_following_is_off_by_default_and_the_reply_box_turns_it_on(
    citizen_client, citizen, position, django_capture_on_commit_callbacks
):
    assert ReplyForm(position).fields["followup"].initial is False
    citizen_client.post(POST_URL, reply_data(position))
    assert not DiscussionFollow.objects.exists()
    citizen_client.post(POST_URL, reply_data(position, text="again", followup="on"))
    assert DiscussionFollow.objects.filter(user=citizen, position=position).count() == 1
    assert Reply.objects.filter(followup=True).count() == 0


def test_authors_are_not_mailed_about_their_own_replies(
    citizen_client, citizen, position, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.post(POST_URL, reply_data(position, followup="on"))
        citizen_client.post(POST_URL, reply_data(position, text="more"))
    assert mail.outbox == []


def test_one_click_mute_by_post_and_a_forged_token_is_refused(client, citizen, position):
    from forum.discussion.services import discussion_mute_token

    follow = DiscussionFollow.objects.create(user=citizen, position=position)
    token = discussion_mute_token(follow)
    assert client.post(f"/discussions/mute/{token}x/").status_code == 400
    assert client.get(f"/discussions/mute/{token}x/").status_code == 400
    assert DiscussionFollow.objects.exists()
    assert client.post(f"/discussions/mute/{token}/").status_code == 200
    assert not DiscussionFollow.objects.exists()


def test_unfollow(citizen_client, citizen, position):
    DiscussionFollow.objects.create(user=citizen, position=position)
    citizen_client.post(f"{position.get_absolute_url()}follow/", {"action": "unfollow"})
    assert not DiscussionFollow.objects.exists()


# Privacy and the library's surface --------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/comments/api/feeds/",
        "/comments/confirm/abc/",
        "/comments/flag/1/",
        "/comments/like/1/",
        "/comments/dislike/1/",
        "/comments/reply/1/",
        "/comments/mute/abc/",
        "/comments/sent/",
        "/comments/delete/1/",
        "/comments/approve/1/",
    ],
)
def test_the_library_urls_agora_does_not_use_are_not_mounted(client, path):
    assert client.get(path).status_code == 404


def test_discussion_pages_show_no_address_and_no_gravatar(client, moderator, position):
    reply = make_reply(position)
    make_reply(position, parent=reply)
    client.force_login(moderator)
    item = moderation_services.item_track(content=reply, holds=[])
    for url in (position.get_absolute_url(), f"/moderation/items/{item.pk}/"):
        page = client.get(url).content.decode().lower()
        assert "gravatar" not in page
        assert "@example" not in page


def test_the_comments_deprecation_warning_is_ignored_by_its_message_only():
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())
    warnings = config["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert warnings[0] == "error"
    ignores = [w for w in warnings if w.startswith("ignore")]
    assert ignores == [
        "ignore:The default scheme will be changed from 'http' to 'https' in Django 6.0"
        ":django.utils.deprecation.RemovedInDjango60Warning"
    ]


def test_a_closed_consultation_phase_is_what_closes_replies(citizen, position):
    from forum.discussion.permissions import can_reply

    assert can_reply(citizen, position)
    consultation = position.topic.consultation
    consultation.phase = Phase.CLOSED
    assert not can_reply(citizen, position)


def test_a_double_submit_writes_one_reply(citizen_client, position):
    data = reply_data(position, text="Said once.")
    first = citizen_client.post(POST_URL, data)
    second = citizen_client.post(POST_URL, data)
    assert first.status_code == second.status_code == 302
    assert Reply.objects.count() == 1


def test_huge_ids_are_404_or_a_message_never_a_500(citizen_client, position):
    huge = "9" * 30
    data = reply_data(position)
    data["reply_to"] = huge
    assert citizen_client.post(POST_URL, data).status_code == 200
    for url in (
        f"/replies/{huge}/",
        f"{position.get_absolute_url()}replies/{huge}/answer/",
        f"/moderation/report/forum.reply/{huge}/",
    ):
        assert citizen_client.get(url).status_code == 404
    assert citizen_client.get(f"/comments/posted/?c={huge}").status_code == 302
    assert not Reply.objects.exists()


def test_a_removed_reply_takes_no_likes(citizen_client, position):
    reply = make_reply(position, is_public=False, is_removed=True)
    url = f"{position.get_absolute_url()}replies/{reply.pk}/feedback/"
    assert citizen_client.post(url, {"kind": "like"}).status_code == 404
    assert not reply.flags.exists()


def test_a_removed_answer_does_not_lift_its_thread(client, position):
    old = make_reply(position, text="old thread")
    make_reply(position, text="newer thread")
    make_reply(position, parent=old, text="spam", is_public=False, is_removed=True)
    threads = client.get(position.get_absolute_url()).context["discussion"].threads
    assert threads[0].reply.comment == "newer thread"
