from __future__ import annotations

import pytest

from forum.search.services import search_index_position, search_index_reply
from tests.factories import PositionFactory, make_reply


@pytest.fixture
def indexed_position():
    """A position written by the factory (not the service), then indexed as the service does."""

    def make(**fields):
        position = PositionFactory(**fields)
        search_index_position(position)
        return position

    return make


@pytest.fixture
def indexed_reply():
    def make(position, **fields):
        reply = make_reply(position, **fields)
        search_index_reply(reply)
        return reply

    return make


@pytest.fixture
def moderator(db):
    from tests.moderation.conftest import make_moderator

    return make_moderator()
