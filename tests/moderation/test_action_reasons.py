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
        (Action.APPROVE, ModerationStatus.HIDDEN, Reason.WITHIN_RULES, True),
        (Action.APPROVE, ModerationStatus.HIDDEN, Reason.SPAM, False),
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
    ModeratedItem.objects.filter(pk=item.pk).update(status=ModerationStatus.HIDDEN)
    client.force_login(moderator)
    response = client.post(
        f"/moderation/items/{item.pk}/",
        {"action": "approve", "reason": "spam", "expected_status": "hidden"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert "This reason does not fit the action you chose." in response.content.decode()
    assert ModeratedItem.objects.get(pk=item.pk).status == ModerationStatus.HIDDEN
    assert not ModerationAction.objects.exists()


def test_the_reason_starts_empty_and_is_grouped_by_what_it_is_for(client, moderator, tracked):
    item, _position = tracked
    client.force_login(moderator)
    page = client.get(f"/moderation/items/{item.pk}/").content.decode()
    assert '<option value="" selected>Choose a reason</option>' in page
    assert '<optgroup label="For approving, restoring or dismissing reports">' in page
    assert '<optgroup label="For hiding or removing">' in page
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
