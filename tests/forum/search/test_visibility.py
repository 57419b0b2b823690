"""Only what the reader may read is a result: the visibility rule, and never held or draft."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from forum.models import Phase
from forum.search import selectors
from moderation.models import ModerationStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VIEWERS = ["visitor", "citizen", "author", "moderator", "organizer"]
# Which viewers find the content, by its state.
FOUND = {
    "visible": {"visitor", "citizen", "author", "moderator", "organizer"},
    "held": set(),
    "hidden": {"author", "moderator"},
    "removed": {"author", "moderator"},
    "draft": set(),
}


def _viewer(name, *, author, moderator):
    if name == "visitor":
        return AnonymousUser()
    if name == "author":
        return author
    if name == "moderator":
        return moderator
    if name == "organizer":
        organizer = UserFactory(is_staff=True)
        organizer.user_permissions.add(Permission.objects.get(codename="view_draft_consultation"))
        return organizer
    return UserFactory()


def _found(user, text: str) -> set[str]:
    query = selectors.parse_query(text)
    filters = selectors.search_filters(consultation="", topic="", stance="", kind="")
    return {
        r.kind for r in selectors.search(user=user, query=query, filters=filters, page=1).results
    }


def _place(state, open_topic, draft_topic):
    topic = draft_topic if state == "draft" else open_topic
    status = ModerationStatus.VISIBLE if state == "draft" else state
    return topic, status


@pytest.mark.parametrize("state", list(FOUND))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_positions_found_by_state_and_viewer(
    state, viewer, open_topic, draft_topic, moderator, indexed_position
):
    topic, status = _place(state, open_topic, draft_topic)
    position = indexed_position(
        topic=topic, claim="주장", body="감청영장", moderation_status=status
    )
    user = _viewer(viewer, author=position.author, moderator=moderator)
    assert ("position" in _found(user, "감청영장")) == (viewer in FOUND[state])


@pytest.mark.parametrize("state", list(FOUND))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_replies_found_by_state_and_viewer(
    state, viewer, open_topic, draft_topic, moderator, indexed_position, indexed_reply
):
    topic, status = _place(state, open_topic, draft_topic)
    position = indexed_position(topic=topic, claim="주장", body="본문")
    reply = indexed_reply(position, text="감청영장", moderation_status=status)
    user = _viewer(viewer, author=reply.user, moderator=moderator)
    assert ("reply" in _found(user, "감청영장")) == (viewer in FOUND[state])


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_reply_under_a_hidden_position_stays_findable(
    viewer, open_topic, moderator, indexed_position, indexed_reply
):
    position = indexed_position(
        topic=open_topic, claim="주장", body="본문", moderation_status=ModerationStatus.HIDDEN
    )
    indexed_reply(position, text="감청영장")
    user = _viewer(viewer, author=position.author, moderator=moderator)
    assert "reply" in _found(user, "감청영장")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_draft_consultations_and_their_topics_are_never_found(
    viewer, draft_topic, moderator, citizen
):
    from forum.consultations.services import consultation_save, topic_save

    consultation = draft_topic.consultation
    consultation.title_ko = "감청영장 공론장"
    consultation_save(consultation=consultation)
    draft_topic.question_ko = "감청영장을 늘려야 하는가?"
    topic_save(topic=draft_topic)
    assert _found(_viewer(viewer, author=citizen, moderator=moderator), "감청영장") == set()


def test_moderation_needs_no_reindexing(open_topic, indexed_position):
    position = indexed_position(topic=open_topic, claim="주장", body="감청영장")
    assert _found(AnonymousUser(), "감청영장") == {"position"}
    position.moderation_status = ModerationStatus.REMOVED
    position.save(update_fields=["moderation_status"])
    assert _found(AnonymousUser(), "감청영장") == set()


def test_a_consultation_published_later_is_found_without_reindexing(draft_topic, indexed_position):
    indexed_position(topic=draft_topic, claim="주장", body="감청영장")
    assert _found(AnonymousUser(), "감청영장") == set()
    consultation = draft_topic.consultation
    consultation.phase = Phase.OPEN
    consultation.save(update_fields=["phase"])
    assert _found(AnonymousUser(), "감청영장") == {"position"}
