"""No GET changes a moderation record: opening a contribution for review takes a POST."""

from __future__ import annotations

import pytest
from django.apps import apps

from moderation import services
from moderation.models import ModeratedItem, ModerationAction, Reason
from tests.factories import PositionFactory, UserFactory, make_reply

Action = ModerationAction.Action


def _moderation_rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("moderation").get_models()
    }


@pytest.mark.parametrize("label", ["forum.position", "forum.reply"])
def test_opening_a_contribution_for_review_takes_a_post(client, moderator, open_topic, label):
    position = PositionFactory(topic=open_topic)
    content = position if label == "forum.position" else make_reply(position)
    url = f"/moderation/content/{label}/{content.pk}/"
    client.force_login(moderator)
    page = client.get(url)
    assert page.status_code == 200
    assert f'<form method="post" action="{url}"' in page.content.decode()
    assert not ModeratedItem.objects.exists()
    response = client.post(url)
    item = ModeratedItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/moderation/items/{item.pk}/"
    assert client.post(url)["Location"] == f"/moderation/items/{item.pk}/"
    assert client.get(url)["Location"] == f"/moderation/items/{item.pk}/"
    assert ModeratedItem.objects.count() == 1


def test_citizens_cannot_open_a_contribution_for_review(client, citizen, open_topic):
    position = PositionFactory(topic=open_topic)
    client.force_login(citizen)
    assert client.post(f"/moderation/content/forum.position/{position.pk}/").status_code == 403
    assert not ModeratedItem.objects.exists()


def test_the_moderate_buttons_on_a_position_page_are_forms(client, moderator, open_topic):
    position = PositionFactory(topic=open_topic)
    reply = make_reply(position)
    client.force_login(moderator)
    page = client.get(position.get_absolute_url()).content.decode()
    for label, pk in (("forum.position", position.pk), ("forum.reply", reply.pk)):
        assert f'action="/moderation/content/{label}/{pk}/"' in page
        assert f'href="/moderation/content/{label}/{pk}/"' not in page


def test_no_moderation_page_writes_on_get(client, moderator, citizen, open_topic):
    position = PositionFactory(topic=open_topic, author=citizen)
    untracked = PositionFactory(topic=open_topic, stance=open_topic.stances.last())
    services.report_create(reporter=UserFactory(), content=position, reason=Reason.SPAM)
    item = ModeratedItem.objects.get()
    services.item_act(moderator=moderator, item=item, action=Action.HIDE, reason=Reason.SPAM)
    before = _moderation_rows()
    client.force_login(moderator)
    for url in (
        "/moderation/queue/",
        f"/moderation/items/{item.pk}/",
        f"/moderation/content/forum.position/{untracked.pk}/",
        f"/moderation/content/forum.position/{position.pk}/",
        f"/moderation/report/forum.position/{untracked.pk}/",
        f"/moderation/accounts/{citizen.pk}/",
        "/moderation/notices/",
        "/moderation/transparency/",
    ):
        assert client.get(url).status_code in (200, 302), url
    client.force_login(citizen)
    for url in ("/moderation/notices/", f"/moderation/items/{item.pk}/appeal/"):
        assert client.get(url).status_code == 200, url
    assert _moderation_rows() == before
    claim = {"claimed_by": None, "claimed_at": None}
    assert ModeratedItem.objects.filter(pk=item.pk, **claim).exists()
