"""Raising the page generations: called by every write service that changes what readers see.

Each raise is an upsert on one row, in the caller's transaction (ATOMIC_REQUESTS or the
service's own `atomic`), so the new counter is visible exactly when the change is. Counters
are raised in id order, so two writers never wait on each other in opposite orders.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

SITE = "site"

# Portable upserts: PostgreSQL and SQLite (3.24+) both read ON CONFLICT … DO UPDATE. The
# consultation's counter is named by its slug (what a page's address carries), found here
# from its id so that no caller spends a query on it. SQLite needs the SELECT's WHERE to tell
# the upsert's ON from a join's.
_RAISE_NAMED = """
    INSERT INTO forum_page_generation (name, generation) VALUES (%s, 1)
    ON CONFLICT (name) DO UPDATE SET generation = forum_page_generation.generation + 1
"""
_RAISE_CONSULTATION = """
    INSERT INTO forum_page_generation (name, generation)
    SELECT 'c:' || slug, 1 FROM forum_consultation WHERE id = %s
    ON CONFLICT (name) DO UPDATE SET generation = forum_page_generation.generation + 1
"""


def consultation_generation_name(slug: str) -> str:
    return f"c:{slug}"


def pages_changed(*, consultation_ids: Iterable[int]) -> None:
    """Readers' pages of these consultations, and the home page (it sums every counter), are
    out of date. Called by every write service whose change a reader could see."""
    with connection.cursor() as cursor:
        for consultation_id in sorted(set(consultation_ids)):
            cursor.execute(_RAISE_CONSULTATION, [consultation_id])


def scope_changed(*, consultation_slug: str) -> None:
    """Moderation changed content in this consultation (it names consultations by slug)."""
    with connection.cursor() as cursor:
        cursor.execute(_RAISE_NAMED, [consultation_generation_name(consultation_slug)])


def site_changed() -> None:
    """Every reader's page is out of date: a change that shows on any consultation's pages
    (an account's name, what the admin edits)."""
    with connection.cursor() as cursor:
        cursor.execute(_RAISE_NAMED, [SITE])
