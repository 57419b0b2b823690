"""A moderator's reason must fit the action: clearing reasons to approve, restore or dismiss,
violations to hide or remove; and no reason is chosen for them in advance."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from moderation import services
from moderation.forms import ActionForm, BulkForm
from moderation.models import (
    CLEARING_REASONS,
    VIOLATION_REASONS,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
    Reason,
)
from tests.factories import PositionFactory, UserFactory

Action = ModerationAction.Action
CLEARING = [r.value for r in CLEARING_REASONS]
VIOLATION = [r.value for r in VIOLATION_REASONS]


@pytest.fixture
def tracked(open_topic):
    position = PositionFactory(topic=open_topic)
    return services.item_track(content=position, holds=[]), position


@pytest.mark.parametrize(
    ("action", "status", "reason", "fits"),
    [
        (Action.APPROVE, ModerationStatus.HELD, Reason.WITHIN_RULES, True),
        (Action.APPROVE, ModerationStatus.HELD, Reason.SPAM, False),
        (Action.RESTORE, ModerationStatus.REMOVED, Reason.HARASSMENT, False),
        (Action.RESTORE, ModerationStatus.REMOVED, Reason.OTHER, True),
        (Action.HIDE, ModerationStatus.VISIBLE, Reason.WITHIN_RULES, False),
        (Action.HIDE, ModerationStatus.VISIBLE, Reason.OTHER, True),
        (Action.REMOVE, ModerationStatus.VISIBLE, Reason.PERSONAL_DATA, True),
        (Action.REMOVE, ModerationStatus.VISIBLE, Reason.SCREENING, False),
        (Action.REMOVE, ModerationStatus.VISIBLE, "", False),
    ],
)
def test_item_act_takes_only_reasons_that_fit_the_action(
    moderator, tracked, action, status, reason, fits
):
    item, _position = tracked
    ModeratedItem.objects.filter(pk=item.pk).update(status=status)
    if fits:
        services.item_act(moderator=moderator, item=item, action=action, reason=reason)
        assert ModerationAction.objects.filter(action=action, reason=reason).exists()
    else:
        with pytest.raises(ValidationError) as refused:
            services.item_act(moderator=moderator, item=item, action=action, reason=reason)
        assert "reason" in refused.value.error_dict
        assert not ModerationAction.objects.exists()


def test_dismissing_reports_takes_a_clearing_reason(moderator, tracked):
    item, position = tracked
    services.report_create(reporter=UserFactory(), content=position, reason=Reason.SPAM)
    with pytest.raises(ValidationError):
        services.item_act(moderator=moderator, item=item, action=Action.DISMISS, reason="spam")
    services.item_act(moderator=moderator, item=item, action=Action.DISMISS, reason="within_rules")


def test_a_crafted_post_approving_for_spam_is_refused_with_a_form_error(client, moderator, tracked):
    item, _position = tracked
    ModeratedItem.objects.filter(pk=item.pk).update(status=ModerationStatus.HELD)
    client.force_login(moderator)
    response = client.post(
        f"/moderation/items/{item.pk}/",
        {"action": "approve", "reason_approve": "spam", "expected_status": "held"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert "This reason does not fit the action you chose." in response.content.decode()
    assert ModeratedItem.objects.get(pk=item.pk).status == ModerationStatus.HELD
    assert not ModerationAction.objects.exists()


def test_each_action_offers_its_own_reasons_and_none_is_chosen(client, moderator, tracked):
    item, _position = tracked
    client.force_login(moderator)
    response = client.get(f"/moderation/items/{item.pk}/")
    form = response.context["form"]
    page = response.content.decode()
    assert '<option value="" selected>Choose a reason</option>' in page
    # A visible item without reports can be hidden or removed, each for a violation only.
    for action in ("hide", "remove"):
        offered = [value for value, _label in form[f"reason_{action}"].field.widget.choices]
        assert offered == ["", *VIOLATION]
        assert f'name="reason_{action}"' in page
    assert 'name="reason_approve"' not in page
    held = ActionForm(offered=[Action.APPROVE, Action.RESTORE, Action.DISMISS])
    for action in ("approve", "restore", "dismiss"):
        offered = [value for value, _label in held[f"reason_{action}"].field.widget.choices]
        assert offered == ["", *CLEARING]
    form = ActionForm({"action": "hide", "expected_status": "visible"})
    assert not form.is_valid() and form.errors["reason"] == ["Choose a reason."]
    assert not form.fields["reason"].initial


def test_the_bulk_form_offers_only_clearing_reasons_and_no_default(client, moderator, tracked):
    item, position = tracked
    services.report_create(reporter=UserFactory(), content=position, reason=Reason.SPAM)
    reasons = [value for value, _label in BulkForm(item_ids=[]).fields["reason"].choices]
    assert reasons == ["", *CLEARING]
    client.force_login(moderator)
    page = client.get("/moderation/queue/").content.decode()
    assert '<option value="" selected>Choose a reason</option>' in page
    for data in (
        {"items": [item.pk], "action": "dismiss"},
        {"items": [item.pk], "action": "dismiss", "reason": "spam"},
    ):
        response = client.post("/moderation/queue/", data)
        assert response.status_code == 400
        assert not ModerationAction.objects.exists()
    with pytest.raises(ValidationError):
        services.items_bulk_act(
            moderator=moderator, item_ids=[item.pk], action=Action.DISMISS, reason="spam"
        )
    assert not ModerationAction.objects.exists()
