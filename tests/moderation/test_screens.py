"""The moderators' screens speak in words and offer only what applies: hold rules, reasons,
consultations by title, the whole content, one set of actions per state."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from forum.positions import services as positions_services
from moderation import services
from moderation.models import ModeratedItem, ModerationAction, ModerationStatus, Reason
from tests.factories import PositionFactory, UserFactory, make_reply

Action = ModerationAction.Action
PHONE_BODY = "I run a night line; **call** 010-1234-5678 to help staff it."


def _held(author, topic, *, claim="Victims need a hotline that answers at night"):
    return positions_services.position_create(
        author=author, topic=topic, stance=topic.stances.first(), claim=claim, body=PHONE_BODY
    )


def _item_of(content) -> ModeratedItem:
    return ModeratedItem.objects.get(
        object_id=content.pk, content_type__model=content._meta.model_name
    )


@pytest.mark.parametrize("language", ["en", "ko"])
def test_queue_and_item_show_no_codes_and_consultations_by_title(
    client, citizen, moderator, open_topic, language
):
    position = _held(citizen, open_topic)
    consultation = open_topic.consultation
    client.force_login(moderator)
    with translation.override(language):
        title = consultation.title
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    queue = client.get("/moderation/queue/", **headers).content.decode()
    item = client.get(f"/moderation/items/{_item_of(position).pk}/", **headers).content.decode()
    for page in (queue, item):
        assert "phone_number" not in page
        assert title in page
        # The slug is in links and the filter's values, never in what is read.
        text = re.sub(r'(value|href)="[^"]*"', "", page)
        assert consultation.slug not in text
    assert ("Phone number" if language == "en" else "전화번호") in queue


def test_the_transparency_report_names_consultations_by_title(client, citizen, open_topic):
    _held(citizen, open_topic)  # screening holds it: one action logged in this consultation
    consultation = open_topic.consultation
    page = client.get("/moderation/transparency/").content.decode()
    assert consultation.title in page
    assert consultation.slug not in re.sub(r'(value|href)="[^"]*"', "", page)


def test_the_item_page_shows_the_whole_content_from_its_stored_html(
    client, citizen, moderator, open_topic
):
    position = _held(citizen, open_topic)
    client.force_login(moderator)
    page = client.get(f"/moderation/items/{_item_of(position).pk}/").content.decode()
    assert position.claim in page
    assert "<strong>call</strong> 010-1234-5678" in page  # the body, as sanitised at write time


def test_a_reply_is_shown_whole_too(client, moderator, open_topic):
    reply = make_reply(PositionFactory(topic=open_topic), text="Long **reply** " + "word " * 60)
    item = services.item_open(moderator=moderator, content=reply)
    client.force_login(moderator)
    page = client.get(f"/moderation/items/{item.pk}/").content.decode()
    assert reply.comment_html in page


def test_the_queue_shortens_a_long_claim_on_a_word_boundary(client, citizen, moderator, open_topic):
    claim = "Victims need " + "a hotline that answers " * 8
    _held(citizen, open_topic, claim=claim.strip()[:200])
    client.force_login(moderator)
    page = client.get("/moderation/queue/").content.decode()
    shown = re.search(r'<p class="queue-claim"[^>]*>([^<]*)</p>', page).group(1)
    assert shown.endswith("…") and len(shown) <= 141
    assert claim.startswith(shown[:-1]) and claim[len(shown) - 1] == " "


def _in_state(state: str, topic, moderator) -> ModeratedItem:
    position = PositionFactory(topic=topic)
    item = services.item_track(content=position, holds=[])
    if state.endswith("+reported"):
        services.report_create(reporter=UserFactory(), content=position, reason=Reason.SPAM)
    status = state.removesuffix("+reported")
    if status != ModerationStatus.VISIBLE:
        ModeratedItem.objects.filter(pk=item.pk).update(status=status)
    return ModeratedItem.objects.get(pk=item.pk)


OFFERED = {
    "held": ["approve", "hide", "remove"],
    "visible": ["hide", "remove"],
    "visible+reported": ["hide", "remove", "dismiss"],
    "hidden": ["remove", "restore"],
    "hidden+reported": ["remove", "restore", "dismiss"],
    "removed": ["restore"],
}
REASON_FOR = {
    "approve": "within_rules",
    "restore": "within_rules",
    "dismiss": "within_rules",
    "hide": "spam",
    "remove": "spam",
}


@pytest.mark.parametrize("state", list(OFFERED))
def test_the_item_page_offers_only_the_actions_that_apply(client, moderator, open_topic, state):
    item = _in_state(state, open_topic, moderator)
    client.force_login(moderator)
    page = client.get(f"/moderation/items/{item.pk}/").content.decode()
    offered = re.findall(r'<button type="submit" name="action" value="(\w+)"', page)
    assert offered == OFFERED[state]


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (state, action)
        for state, offered in OFFERED.items()
        for action in REASON_FOR
        if action not in offered
    ],
)
def test_a_crafted_post_of_an_action_that_does_not_apply_is_refused_and_writes_nothing(
    client, moderator, open_topic, state, action
):
    item = _in_state(state, open_topic, moderator)
    client.force_login(moderator)
    response = client.post(
        f"/moderation/items/{item.pk}/",
        {"action": action, f"reason_{action}": REASON_FOR[action], "expected_status": item.status},
    )
    assert response.status_code == 400
    assert "does not apply to an item that is" in response.content.decode()
    assert not ModerationAction.objects.exclude(action=Action.AUTO_HIDE).exists()
    assert ModeratedItem.objects.get(pk=item.pk).status == item.status


@pytest.mark.parametrize(("state", "action"), [(s, a) for s, o in OFFERED.items() for a in o])
def test_every_offered_action_works_with_its_own_reason_list(
    client, moderator, open_topic, state, action
):
    item = _in_state(state, open_topic, moderator)
    client.force_login(moderator)
    response = client.post(
        f"/moderation/items/{item.pk}/",
        {
            "action": action,
            # Every list is posted, as a browser does; only the chosen action's counts.
            **{f"reason_{a}": REASON_FOR[a] for a in REASON_FOR},
            "expected_status": item.status,
        },
    )
    assert response.status_code == 302
    assert ModerationAction.objects.filter(
        item=item, action=action, reason=REASON_FOR[action]
    ).exists()


def test_the_reason_of_another_action_is_not_taken_for_the_chosen_one(
    client, moderator, open_topic
):
    item = _in_state("held", open_topic, moderator)
    client.force_login(moderator)
    response = client.post(
        f"/moderation/items/{item.pk}/",
        {"action": "hide", "reason_approve": "within_rules", "expected_status": "held"},
    )
    assert response.status_code == 400
    assert "Choose a reason." in response.content.decode()
    assert not ModerationAction.objects.filter(actor=moderator).exists()


def test_buttons_say_what_they_do_and_the_log_what_was_done(client, moderator, open_topic):
    item = _in_state("held", open_topic, moderator)
    client.force_login(moderator)
    client.post(
        f"/moderation/items/{item.pk}/",
        {"action": "hide", "reason_hide": "off_topic", "expected_status": "held"},
    )
    page = client.get(f"/moderation/items/{item.pk}/").content.decode()
    assert ">Restore</button>" in page and ">Remove</button>" in page
    assert ">restored<" not in page and ">hidden<" not in page
    assert "Hidden by mod — off-topic" in page
