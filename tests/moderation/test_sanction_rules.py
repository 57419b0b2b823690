"""Who may sanction whom, and that a sanctioned moderator neither moderates nor sanctions."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from moderation import services
from moderation.models import ModerationAction, Reason, Sanction
from moderation.permissions import can_moderate, can_sanction, sanction_target_refusal
from tests.factories import PositionFactory, UserFactory
from tests.moderation.conftest import ban, make_moderator, suspend

Action = ModerationAction.Action


@pytest.fixture
def accounts(db, organizer):
    return {
        "citizen": UserFactory(username="plain"),
        "moderator": make_moderator("mod"),
        "other moderator": make_moderator("mod2"),
        "superuser": organizer,
        "other superuser": UserFactory(username="root2", is_staff=True, is_superuser=True),
    }


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        ("moderator", "citizen", True),
        ("moderator", "other moderator", False),
        ("moderator", "superuser", False),
        ("moderator", "moderator", False),
        ("superuser", "citizen", True),
        ("superuser", "moderator", True),
        ("superuser", "other superuser", False),
    ],
)
def test_who_may_sanction_whom(accounts, actor, target, allowed):
    actor, target = accounts[actor], accounts[target]
    assert (sanction_target_refusal(actor, target) is None) is allowed
    if allowed:
        services.sanction_create(moderator=actor, user=target, kind="warning", reason="spam")
        assert Sanction.objects.filter(user=target).exists()
    else:
        with pytest.raises(ValidationError):
            services.sanction_create(moderator=actor, user=target, kind="ban", reason="spam")
        assert not Sanction.objects.exists()
        assert not ModerationAction.objects.exists()


def test_the_account_page_does_not_offer_moderators_a_sanction_on_staff(client, accounts):
    moderator, staff = accounts["moderator"], accounts["other moderator"]
    client.force_login(moderator)
    url = f"/moderation/accounts/{staff.pk}/"
    page = client.get(url).content.decode()
    assert "Apply the sanction" not in page
    assert "Only an administrator may sanction a staff account." in page
    response = client.post(url, {"kind": "ban", "reason": "spam"})
    assert response.status_code == 400
    assert "Only an administrator may sanction a staff account." in response.content.decode()
    assert not Sanction.objects.exists()
    page = client.get(f"/moderation/accounts/{accounts['superuser'].pk}/").content.decode()
    assert "Apply the sanction" not in page
    assert "Administrator accounts cannot be sanctioned." in page
    page = client.get(f"/moderation/accounts/{accounts['citizen'].pk}/").content.decode()
    assert "Apply the sanction" in page


def test_a_moderator_cannot_lift_a_sanction_an_administrator_gave_another_moderator(accounts):
    sanction = services.sanction_create(
        moderator=accounts["superuser"],
        user=accounts["other moderator"],
        kind="suspension",
        until=timezone.now() + datetime.timedelta(days=1),
        reason="harassment",
    )
    with pytest.raises(ValidationError, match="administrator"):
        services.sanction_lift(moderator=accounts["moderator"], sanction=sanction)
    sanction.refresh_from_db()
    assert sanction.lifted_at is None


@pytest.mark.parametrize("sanction", [suspend, ban])
def test_a_sanctioned_moderator_can_neither_moderate_nor_sanction(
    client, moderator, citizen, open_topic, sanction
):
    item = services.item_track(content=PositionFactory(topic=open_topic), holds=[])
    given = sanction(moderator)
    fresh = type(moderator).objects.get(pk=moderator.pk)
    assert (can_moderate(fresh), can_sanction(fresh)) == (False, False)
    client.force_login(moderator)
    refused = [
        client.get("/moderation/queue/"),
        client.get(f"/moderation/items/{item.pk}/"),
        client.post(
            f"/moderation/items/{item.pk}/",
            {"action": "hide", "reason": "spam", "expected_status": "visible"},
        ),
        client.post(f"/moderation/items/{item.pk}/", {"claim": "1"}),
        client.post(f"/moderation/accounts/{citizen.pk}/", {"kind": "ban", "reason": "spam"}),
        client.post(f"/moderation/sanctions/{given.pk}/lift/"),
    ]
    for response in refused:
        assert response.status_code == 403
        assert "Your account is" in response.content.decode()
    assert not ModerationAction.objects.exists()
    assert Sanction.objects.get().lifted_at is None
    given.lifted_at = timezone.now()
    given.save(update_fields=["lifted_at"])
    fresh = type(moderator).objects.get(pk=moderator.pk)
    assert (can_moderate(fresh), can_sanction(fresh)) == (True, True)
    services.item_act(moderator=fresh, item=item, action=Action.HIDE, reason=Reason.SPAM)


def test_a_warning_does_not_stop_a_moderator(moderator, organizer):
    services.sanction_create(moderator=organizer, user=moderator, kind="warning", reason="spam")
    fresh = type(moderator).objects.get(pk=moderator.pk)
    assert (can_moderate(fresh), can_sanction(fresh)) == (True, True)


def test_a_sanctioned_moderator_is_not_mailed_about_hidden_items(
    moderator, open_topic, django_capture_on_commit_callbacks
):
    active = make_moderator("mod2")
    suspend(moderator)
    position = PositionFactory(topic=open_topic)
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in UserFactory.create_batch(3):
            services.report_create(reporter=reporter, content=position, reason=Reason.SPAM)
    bcc = [address for message in mail.outbox for address in message.bcc]
    assert active.email in bcc and moderator.email not in bcc
