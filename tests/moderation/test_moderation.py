"""Trust and safety: screening holds, reports, the queue, sanctions, appeals, log, limits."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forum.discussion import services as discussion_services
from forum.models import Position, Reply
from forum.positions import services as positions_services
from moderation import services
from moderation.models import (
    Appeal,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
    Notice,
    Reason,
    Report,
    Sanction,
)
from moderation.permissions import can_moderate, can_report, can_sanction
from tests.factories import PositionFactory, UserFactory, make_reply

PHONE_TEXT = "Call me on 010-1234-5678 to talk it over."
Action = ModerationAction.Action


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def suspended(db):
    user = UserFactory(username="suspended")
    Sanction.objects.create(
        user=user,
        kind=Sanction.Kind.SUSPENSION,
        until=timezone.now() + datetime.timedelta(days=3),
        reason=Reason.HARASSMENT,
    )
    return user


def _post(author, topic, *, body="A calm argument.", claim="A claim"):
    stance = topic.stances.first()
    return positions_services.position_create(
        author=author, topic=topic, stance=stance, claim=claim, body=body
    )


def _item(content) -> ModeratedItem:
    return ModeratedItem.objects.get(
        object_id=content.pk, content_type__model=content._meta.model_name
    )


# Roles -------------------------------------------------------------------------------------


def test_the_moderators_group_and_its_permissions_come_from_a_migration(db):
    group = Group.objects.get(name="Moderators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"moderate", "sanction"} <= codenames


@pytest.mark.parametrize(
    ("role", "moderate", "sanction", "report"),
    [
        ("visitor", False, False, False),
        ("citizen", False, False, True),
        ("suspended", False, False, False),
        ("moderator", True, True, True),
        ("admin", True, True, True),
    ],
)
def test_permission_truth_table(
    role, moderate, sanction, report, client, citizen, suspended, moderator, organizer
):
    from django.contrib.auth.models import AnonymousUser

    user = {
        "visitor": AnonymousUser(),
        "citizen": citizen,
        "suspended": suspended,
        "moderator": moderator,
        "admin": organizer,
    }[role]
    assert can_moderate(user) is moderate
    assert can_sanction(user) is sanction
    assert can_report(user, author_id=None) is report


# Screening ---------------------------------------------------------------------------------


def test_a_position_with_a_phone_number_is_held_for_its_author_and_moderators_only(
    client, citizen, other_citizen, moderator, open_topic
):
    position = _post(citizen, open_topic, body=PHONE_TEXT)
    assert position.moderation_status == ModerationStatus.HELD
    item = _item(position)
    assert (item.status, item.holds) == (ModerationStatus.HELD, ["phone_number"])
    assert ModerationAction.objects.filter(item=item, action=Action.HOLD, actor=None).exists()
    assert Notice.objects.filter(user=citizen, item=item).exists()
    assert client.get(position.get_absolute_url()).status_code == 404
    assert position.claim not in client.get(open_topic.get_absolute_url()).content.decode()
    client.force_login(other_citizen)
    assert client.get(position.get_absolute_url()).status_code == 404
    client.force_login(citizen)
    page = client.get(position.get_absolute_url()).content.decode()
    assert "Awaiting a moderator’s review." in page
    assert "phone number" in page
    client.force_login(moderator)
    assert client.get(position.get_absolute_url()).status_code == 200


def test_premoderation_holds_everything_in_that_consultation(citizen, open_topic):
    open_topic.consultation.premoderation = True
    open_topic.consultation.save(update_fields=["premoderation"])
    position = _post(citizen, open_topic)
    assert position.moderation_status == ModerationStatus.HELD
    assert _item(position).holds == ["premoderation"]


def test_an_edit_is_screened_again(citizen, open_topic):
    position = _post(citizen, open_topic)
    assert position.moderation_status == ModerationStatus.VISIBLE
    revised = positions_services.position_revise(
        editor=citizen, position=position, stance=position.stance, claim="A claim", body=PHONE_TEXT
    )
    assert revised.moderation_status == ModerationStatus.HELD


def test_a_held_reply_is_hidden_from_others_and_followers_are_not_mailed(
    client, citizen, other_citizen, open_topic, django_capture_on_commit_callbacks
):
    from tests.forum.test_discussion import POST_URL, reply_data

    position = PositionFactory(topic=open_topic, author=other_citizen)
    discussion_services.discussion_follow(user=other_citizen, position=position)
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST_URL, reply_data(position, text=PHONE_TEXT), follow=True)
    assert "waits for a moderator" in response.content.decode()
    reply = Reply.objects.get()
    assert (reply.moderation_status, reply.is_public) == (ModerationStatus.HELD, False)
    assert [m.to for m in mail.outbox] == [[citizen.email]]  # the author's notice only
    client.force_login(other_citizen)
    assert "010-1234-5678" not in client.get(position.get_absolute_url()).content.decode()


# Reports -----------------------------------------------------------------------------------


def test_three_reports_hide_a_position_and_mail_moderators(
    client, moderator, open_topic, django_capture_on_commit_callbacks
):
    position = PositionFactory(topic=open_topic)
    reporters = UserFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        for index, reporter in enumerate(reporters):
            result = services.report_create(
                reporter=reporter, content=position, reason=Reason.PERSONAL_DATA
            )
            assert result.hidden is (index == 2)
    position.refresh_from_db()
    assert position.moderation_status == ModerationStatus.HIDDEN
    assert ModerationAction.objects.filter(action=Action.AUTO_HIDE).count() == 1
    assert any(moderator.email in m.bcc for m in mail.outbox)
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert "Hidden until a moderator reviews it" in page
    assert position.claim not in page
    detail = client.get(position.get_absolute_url()).content.decode()
    assert position.body not in detail


def test_reporting_twice_counts_once_and_reporting_oneself_is_refused(citizen, open_topic):
    position = PositionFactory(topic=open_topic)
    first = services.report_create(reporter=citizen, content=position, reason=Reason.SPAM)
    second = services.report_create(reporter=citizen, content=position, reason=Reason.HARASSMENT)
    assert (first.created, second.created) == (True, False)
    assert Report.objects.count() == 1
    own = PositionFactory(topic=open_topic, author=citizen, stance=open_topic.stances.last())
    with pytest.raises(PermissionDenied, match="your own"):
        services.report_create(reporter=citizen, content=own, reason=Reason.SPAM)


def test_a_report_of_other_needs_text_and_a_removed_item_cannot_be_reported(
    citizen, moderator, open_topic
):
    position = PositionFactory(topic=open_topic)
    with pytest.raises(ValidationError):
        services.report_create(reporter=citizen, content=position, reason=Reason.OTHER)
    with pytest.raises(ValidationError):
        services.report_create(reporter=citizen, content=position, reason="nonsense")
    item = services.item_track(content=position, holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.REMOVE, reason=Reason.SPAM)
    with pytest.raises(ValidationError, match="already been removed"):
        services.report_create(reporter=citizen, content=position, reason=Reason.SPAM)
    assert not Report.objects.exists()


def test_the_report_page_works_without_javascript(client, citizen, open_topic):
    position = PositionFactory(topic=open_topic)
    client.force_login(citizen)
    url = f"/moderation/report/forum.position/{position.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "other", "text": ""})
    assert response.status_code == 400
    response = client.post(url, {"reason": "harassment"}, follow=True)
    assert "Thank you. Moderators will review it." in response.content.decode()
    assert client.get("/moderation/report/auth.user/1/").status_code == 404
    assert client.get("/moderation/report/forum.position/999999/").status_code == 404


# The queue and actions ---------------------------------------------------------------------


def test_non_moderators_are_refused_every_queue_action(client, citizen, open_topic):
    position = PositionFactory(topic=open_topic)
    item = services.item_track(content=position, holds=[])
    client.force_login(citizen)
    assert client.get("/moderation/queue/").status_code == 403
    assert (
        client.post("/moderation/queue/", {"items": [item.pk], "action": "approve"}).status_code
        == 403
    )
    for data in (
        {"claim": "1"},
        {"action": "remove", "reason": "spam", "expected_status": "visible"},
    ):
        assert client.post(f"/moderation/items/{item.pk}/", data).status_code == 403
    assert client.get(f"/moderation/accounts/{citizen.pk}/").status_code == 403
    position.refresh_from_db()
    assert position.moderation_status == ModerationStatus.VISIBLE
    assert not ModerationAction.objects.exists()


def test_a_moderator_approves_a_held_position_from_the_queue(
    client, citizen, moderator, open_topic
):
    position = _post(citizen, open_topic, body=PHONE_TEXT)
    item = _item(position)
    client.force_login(moderator)
    queue = client.get("/moderation/queue/").content.decode()
    assert position.claim in queue
    response = client.post(
        f"/moderation/items/{item.pk}/",
        {"action": "approve", "reason": "within_rules", "expected_status": "held"},
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.moderation_status == ModerationStatus.VISIBLE
    assert ModerationAction.objects.filter(
        item=item, action=Action.APPROVE, actor=moderator
    ).exists()
    assert Notice.objects.filter(user=citizen, event=Action.APPROVE).exists()
    assert position.claim not in client.get("/moderation/queue/").content.decode()


def test_a_removed_position_leaves_a_placeholder_with_the_reason_and_its_replies_stay(
    client, moderator, open_topic
):
    position = PositionFactory(topic=open_topic)
    make_reply(position, text="a reply that stays")
    item = services.item_track(content=position, holds=[])
    services.item_act(
        moderator=moderator, item=item, action=Action.REMOVE, reason=Reason.PERSONAL_DATA
    )
    page = client.get(position.get_absolute_url()).content.decode()
    assert "Removed by a moderator: personal data of others." in page
    assert position.body not in page
    assert "a reply that stays" in page


def test_a_removed_reply_leaves_a_placeholder_and_its_answers_stay(client, moderator, open_topic):
    position = PositionFactory(topic=open_topic)
    parent = make_reply(position, text="bad words")
    make_reply(position, parent=parent, text="an answer that stays")
    item = services.item_track(content=parent, holds=[])
    services.item_act(
        moderator=moderator, item=item, action=Action.REMOVE, reason=Reason.HARASSMENT
    )
    parent.refresh_from_db()
    assert (parent.is_public, parent.is_removed) == (False, True)
    page = client.get(position.get_absolute_url()).content.decode()
    assert "bad words" not in page
    assert "Removed by a moderator: harassment." in page
    assert "an answer that stays" in page


def test_restoring_what_was_never_removed_and_acting_on_a_stale_item_are_refused(
    moderator, open_topic
):
    position = PositionFactory(topic=open_topic)
    item = services.item_track(content=position, holds=[])
    with pytest.raises(ValidationError, match="does not apply"):
        services.item_act(
            moderator=moderator, item=item, action=Action.RESTORE, reason=Reason.WITHIN_RULES
        )
    services.item_act(moderator=moderator, item=item, action=Action.HIDE, reason=Reason.SPAM)
    with pytest.raises(ValidationError, match="acted on this first"):
        services.item_act(
            moderator=moderator,
            item=item,
            action=Action.REMOVE,
            reason=Reason.SPAM,
            expected_status=ModerationStatus.VISIBLE,
        )


def test_a_claimed_item_cannot_be_worked_by_another_moderator(moderator, open_topic):
    other = UserFactory(username="mod2", is_staff=True)
    other.groups.add(Group.objects.get(name="Moderators"))
    item = services.item_track(content=PositionFactory(topic=open_topic), holds=[])
    services.item_claim(moderator=moderator, item=item)
    with pytest.raises(ValidationError, match="mod is working on this"):
        services.item_claim(moderator=other, item=item)
    with pytest.raises(ValidationError, match="claimed"):
        services.item_act(moderator=other, item=item, action=Action.HIDE, reason=Reason.SPAM)


def test_bulk_approve_and_dismiss(client, moderator, open_topic):
    authors = UserFactory.create_batch(2)
    held = [_post(author, open_topic, body=PHONE_TEXT) for author in authors]
    reported = PositionFactory(topic=open_topic, stance=open_topic.stances.last())
    services.report_create(reporter=UserFactory(), content=reported, reason=Reason.SPAM)
    client.force_login(moderator)
    ids = [_item(p).pk for p in [*held, reported]]
    response = client.post(
        "/moderation/queue/", {"items": ids, "action": "approve", "reason": "within_rules"}
    )
    assert response.status_code == 302
    assert Position.objects.filter(moderation_status=ModerationStatus.HELD).count() == 0
    client.post("/moderation/queue/", {"items": ids, "action": "dismiss", "reason": "within_rules"})
    assert not Report.objects.open().exists()


def _fill_queue(topic, count):
    reporter = UserFactory()
    for _ in range(count):
        position = PositionFactory(topic=topic)
        services.report_create(reporter=reporter, content=position, reason=Reason.SPAM)
    for _ in range(max(1, count // 10)):
        make_reply(PositionFactory(topic=topic))
    for reply in Reply.objects.all():
        services.report_create(reporter=reporter, content=reply, reason=Reason.HARASSMENT)


# One of them is the moderator's standing: a suspended moderator may not work the queue;
# another names the consultations by title (registry.scope_titles).
QUEUE_QUERIES = 14


@pytest.mark.parametrize("items", [5, 200])
def test_the_queue_costs_a_constant_number_of_queries(
    client, moderator, open_topic, django_assert_max_num_queries, items
):
    _fill_queue(open_topic, items)
    client.force_login(moderator)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get("/moderation/queue/")
    assert response.status_code == 200
    assert len(response.context["items"]) == min(items + max(1, items // 10), 25)


def test_the_queue_filters_by_reason_and_consultation(client, moderator, open_topic, closed_topic):
    spam = PositionFactory(topic=open_topic)
    harassment = PositionFactory(topic=closed_topic)
    services.report_create(reporter=UserFactory(), content=spam, reason=Reason.SPAM)
    services.report_create(reporter=UserFactory(), content=harassment, reason=Reason.HARASSMENT)
    client.force_login(moderator)
    page = client.get("/moderation/queue/?reason=spam").content.decode()
    assert spam.claim in page and harassment.claim not in page
    slug = closed_topic.consultation.slug
    page = client.get(f"/moderation/queue/?consultation={slug}").content.decode()
    assert harassment.claim in page and spam.claim not in page
    assert client.get("/moderation/queue/?reason=bogus").status_code == 404


# Appeals -----------------------------------------------------------------------------------


def test_the_author_appeals_once_and_the_outcome_is_logged(client, citizen, moderator, open_topic):
    position = PositionFactory(topic=open_topic, author=citizen)
    item = services.item_track(content=position, holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.HIDE, reason=Reason.OFF_TOPIC)
    client.force_login(citizen)
    notices = client.get("/moderation/notices/").content.decode()
    assert "Appeal this decision" in notices
    assert (
        client.post(f"/moderation/items/{item.pk}/appeal/", {"text": "It is on topic."}).status_code
        == 302
    )
    response = client.post(f"/moderation/items/{item.pk}/appeal/", {"text": "Again."})
    assert "already appealed" in response.content.decode()
    assert Appeal.objects.count() == 1
    client.force_login(moderator)
    assert "It is on topic." in client.get("/moderation/queue/").content.decode()
    services.item_act(
        moderator=moderator, item=item, action=Action.RESTORE, reason=Reason.WITHIN_RULES
    )
    appeal = Appeal.objects.get()
    assert appeal.outcome == Appeal.Outcome.UPHELD
    assert ModerationAction.objects.filter(action=Action.APPEAL_UPHELD, item=item).exists()


def test_only_the_author_may_appeal(client, other_citizen, moderator, open_topic):
    position = PositionFactory(topic=open_topic)
    item = services.item_track(content=position, holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.REMOVE, reason=Reason.SPAM)
    client.force_login(other_citizen)
    assert client.post(f"/moderation/items/{item.pk}/appeal/", {"text": "x"}).status_code == 404


# Sanctions ---------------------------------------------------------------------------------


def test_a_suspended_account_cannot_post_reply_report_like_or_edit_and_is_told_until_when(
    client, suspended, open_topic
):
    from tests.forum.test_discussion import POST_URL, reply_data

    position = PositionFactory(topic=open_topic)
    reply = make_reply(position)
    client.force_login(suspended)
    refused_post = client.post(f"{open_topic.get_absolute_url()}positions/new/", {})
    own = PositionFactory(topic=open_topic, author=suspended, stance=open_topic.stances.last())
    for response in (
        refused_post,
        client.post(POST_URL, reply_data(position)),
        client.post(f"/moderation/report/forum.position/{position.pk}/", {"reason": "spam"}),
        client.post(f"{position.get_absolute_url()}replies/{reply.pk}/feedback/", {"kind": "like"}),
        client.post(f"{own.get_absolute_url()}revise/", {}),
    ):
        assert response.status_code == 403
        assert "Your account is suspended until" in response.content.decode()
    assert Reply.objects.count() == 1
    assert not Report.objects.exists()
    assert not reply.flags.exists()


def test_a_moderator_suspends_warns_bans_and_lifts_and_each_is_logged(
    client, citizen, moderator, open_topic
):
    client.force_login(moderator)
    url = f"/moderation/accounts/{citizen.pk}/"
    response = client.post(url, {"kind": "suspension", "reason": "spam"})
    assert response.status_code == 400  # a suspension needs an end
    until = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert (
        client.post(url, {"kind": "suspension", "until": until, "reason": "spam"}).status_code
        == 302
    )
    with pytest.raises(PermissionDenied, match="suspended until"):
        _post(
            Position.objects.model.author.field.related_model.objects.get(pk=citizen.pk), open_topic
        )
    sanction = Sanction.objects.get()
    client.post(f"/moderation/sanctions/{sanction.pk}/lift/")
    fresh = type(citizen).objects.get(pk=citizen.pk)
    _post(fresh, open_topic)
    client.post(url, {"kind": "warning", "reason": "harassment", "note": "Mind the tone."})
    assert Notice.objects.filter(user=citizen, event=Action.WARN, note="Mind the tone.").exists()
    actions = set(ModerationAction.objects.values_list("action", flat=True))
    assert {Action.SUSPEND, Action.LIFT, Action.WARN} <= actions
    assert (
        client.post(
            f"/moderation/accounts/{moderator.pk}/", {"kind": "ban", "reason": "spam"}
        ).status_code
        == 400
    )


# The log, the transparency page, rate limits ----------------------------------------------


def test_the_log_is_append_only(moderator, open_topic):
    item = services.item_track(content=PositionFactory(topic=open_topic), holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.HIDE, reason=Reason.SPAM)
    entry = ModerationAction.objects.get()
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        ModerationAction.objects.update(note="x")
    with pytest.raises(PermissionError):
        ModerationAction.objects.all().delete()


def test_the_log_cannot_be_changed_in_the_admin(client, organizer, moderator, open_topic):
    item = services.item_track(content=PositionFactory(topic=open_topic), holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.HIDE, reason=Reason.SPAM)
    entry = ModerationAction.objects.get()
    client.force_login(organizer)
    assert client.get("/admin/moderation/moderationaction/").status_code == 200
    response = client.post(
        f"/admin/moderation/moderationaction/{entry.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert ModerationAction.objects.filter(pk=entry.pk).exists()


def test_the_transparency_page_counts_without_names(client, moderator, open_topic):
    citizen = UserFactory(username="quietwriter")
    position = _post(citizen, open_topic, body=PHONE_TEXT)
    services.item_act(
        moderator=moderator, item=_item(position), action=Action.APPROVE, reason=Reason.WITHIN_RULES
    )
    page = client.get("/moderation/transparency/").content.decode()
    assert "held by screening" in page and "approved" in page
    assert "quietwriter" not in page and "by mod" not in page and ">mod<" not in page
    assert "A contribution reported by 3 citizens is hidden" in page


def test_a_new_account_is_limited_to_two_posts_a_minute(client, open_topic, closed_topic):
    from tests.forum.test_discussion import POST_URL, reply_data

    newcomer = UserFactory(username="newcomer")
    position = PositionFactory(topic=open_topic)
    client.force_login(newcomer)
    for n in range(2):
        assert client.post(POST_URL, reply_data(position, text=f"Reply {n}")).status_code == 302
    response = client.post(POST_URL, reply_data(position, text="One too many"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 60
    assert "Try again after" in response.content.decode()
    assert Reply.objects.count() == 2


def test_an_established_account_gets_twelve_a_minute(client, open_topic):
    from tests.forum.test_discussion import POST_URL, reply_data

    veteran = UserFactory(
        username="veteran", date_joined=timezone.now() - datetime.timedelta(days=30)
    )
    position = PositionFactory(topic=open_topic)
    client.force_login(veteran)
    statuses = [
        client.post(POST_URL, reply_data(position, text=f"Reply {n}")).status_code
        for n in range(13)
    ]
    assert statuses == [302] * 12 + [429]
