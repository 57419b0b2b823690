"""Role fixtures: who uses Agora, and the states a topic can be in."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.utils import translation

from forum.models import Phase
from tests.factories import (
    PASSWORD,
    ConsultationFactory,
    StanceFactory,
    TopicFactory,
    UserFactory,
)

# Tests render templates without `collectstatic`; hashed names need its manifest.
assert (
    settings.STORAGES["staticfiles"]["BACKEND"]
    == "django.contrib.staticfiles.storage.StaticFilesStorage"
)


@pytest.fixture(autouse=True, scope="session")
def _sqlite_flush_past_the_triggers():
    """Let Django's test flush empty, on SQLite, the tables that database triggers guard.

    Transactional tests (`transactional_db`, `live_server`) end with a flush. PostgreSQL
    flushes with TRUNCATE, which fires no row trigger; SQLite runs `DELETE FROM` on each table,
    which the triggers of moderation 0003 and forum 0011 refuse unless the TEMP table
    `agora_flush_in_progress` exists. A TEMP table belongs to the one connection that created
    it and vanishes with it, so creating it here, inside the flush's own transaction, quiets
    the triggers for this flush and nothing else: no other connection ever sees it, and the
    application never creates it (SQLite has no roles: whoever can run raw SQL on the file
    could drop the triggers as well).
    """
    operations = SQLiteWrapper.ops_class
    original = operations.sql_flush

    def sql_flush(self, style, tables, **options):
        statements = original(self, style, tables, **options)
        if not statements:
            return statements
        return [
            "CREATE TEMP TABLE agora_flush_in_progress (flushing INTEGER);",
            *statements,
            "DROP TABLE temp.agora_flush_in_progress;",
        ]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "sql_flush", sql_flush)
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth keeps its rate-limit counters in the cache; tests must not share them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Files Agora stores (exports) go to a folder of each test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english():
    """A request in Korean leaves Korean active in the thread; each test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def citizen(db):
    return UserFactory(username="citizen")


@pytest.fixture
def other_citizen(db):
    return UserFactory(username="other")


@pytest.fixture
def unverified_citizen(db):
    return UserFactory(username="unverified", verified=False)


@pytest.fixture
def organizer(db):
    return UserFactory(username="organizer", is_staff=True, is_superuser=True)


def _topic_in(phase: str):
    topic = TopicFactory(consultation=ConsultationFactory(phase=phase), slug=f"{phase}-topic")
    StanceFactory(
        topic=topic, key="privacy", label_en="Protect privacy", label_ko="프라이버시 보호"
    )
    StanceFactory(
        topic=topic, key="investigation", label_en="Prioritise investigation", label_ko="수사 우선"
    )
    StanceFactory(topic=topic, key="conditional", label_en="Conditional", label_ko="조건부")
    return topic


@pytest.fixture
def open_topic(db):
    return _topic_in(Phase.OPEN)


@pytest.fixture
def closed_topic(db):
    return _topic_in(Phase.CLOSED)


@pytest.fixture
def draft_topic(db):
    return _topic_in(Phase.DRAFT)


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen)
    return client
