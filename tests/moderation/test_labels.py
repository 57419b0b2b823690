"""Moderation pages speak in words: hold rules, reasons, statuses and who did what."""

from __future__ import annotations

from forum.positions import services as positions_services
from moderation import services
from moderation.models import ModeratedItem, ModerationAction, Reason
from tests.factories import PositionFactory, UserFactory

Action = ModerationAction.Action
PHONE_TEXT = "Call me on 010-1234-5678 to talk it over."


def _held_position(author, topic):
    return positions_services.position_create(
        author=author, topic=topic, stance=topic.stances.first(), claim="A claim", body=PHONE_TEXT
    )


def test_the_queue_explains_holds_and_reasons_in_words(client, citizen, moderator, open_topic):
    _held_position(citizen, open_topic)
    reported = PositionFactory(topic=open_topic, stance=open_topic.stances.last())
    services.report_create(reporter=UserFactory(), content=reported, reason=Reason.PERSONAL_DATA)
    client.force_login(moderator)
    page = client.get("/moderation/queue/").content.decode()
    assert "It contains what looks like a phone number." in page
    assert "phone_number" not in page
    assert "<li>personal data of others — " in page  # the report, by its reason's label
    assert "Awaiting review" in page


def test_the_item_history_says_who_did_what(client, citizen, moderator, open_topic):
    position = _held_position(citizen, open_topic)
    item = ModeratedItem.objects.get(object_id=position.pk)
    services.item_act(
        moderator=moderator, item=item, action=Action.APPROVE, reason=Reason.WITHIN_RULES
    )
    item = services.item_act(
        moderator=moderator, item=item, action=Action.HIDE, reason=Reason.OFF_TOPIC
    )
    services.appeal_create(author=citizen, item=item, text="It is on topic.")
    services.item_act(
        moderator=moderator, item=item, action=Action.RESTORE, reason=Reason.WITHIN_RULES
    )
    client.force_login(moderator)
    response = client.get(f"/moderation/items/{item.pk}/")
    history = [entry.summary for entry in response.context["history"]]
    assert history == [
        "Held by the screening rules",
        "Approved by mod",
        "Hidden by mod",
        "Appealed by its author, citizen",
        "Restored by mod",
        "Appeal upheld by mod",
    ]
    page = response.content.decode()
    assert "Hidden by mod — off-topic" in page
    assert "· approve" not in page and "· hide" not in page
