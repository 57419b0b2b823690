"""An appeal is the one thing a suspended or banned account may still do."""

from __future__ import annotations

import pytest

from moderation import services
from moderation.models import Appeal, ModerationAction, Reason
from tests.factories import PositionFactory

Action = ModerationAction.Action


@pytest.mark.parametrize("account", ["suspended", "banned"])
def test_a_sanctioned_account_appeals_a_decision_on_its_own_contribution(
    request, client, moderator, open_topic, account
):
    author = request.getfixturevalue(account)
    position = PositionFactory(topic=open_topic, author=author)
    item = services.item_track(content=position, holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.HIDE, reason=Reason.OFF_TOPIC)
    client.force_login(author)
    notices = client.get("/moderation/notices/").content.decode()
    assert f"/moderation/items/{item.pk}/appeal/" in notices
    assert client.get(f"/moderation/items/{item.pk}/appeal/").status_code == 200
    response = client.post(f"/moderation/items/{item.pk}/appeal/", {"text": "It was on topic."})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.author, appeal.text) == (author, "It was on topic.")
    assert ModerationAction.objects.filter(action=Action.APPEAL, actor=author).exists()


def test_a_sanctioned_account_still_cannot_appeal_someone_elses_contribution(
    client, suspended, moderator, open_topic
):
    item = services.item_track(content=PositionFactory(topic=open_topic), holds=[])
    services.item_act(moderator=moderator, item=item, action=Action.REMOVE, reason=Reason.SPAM)
    client.force_login(suspended)
    assert client.post(f"/moderation/items/{item.pk}/appeal/", {"text": "x"}).status_code == 404
    assert not Appeal.objects.exists()
