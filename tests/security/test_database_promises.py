"""Promises the database keeps: the moderation log is append-only (migration moderation 0003).

Every refusal here goes around the models' own guards (the base manager, `_raw_delete`, raw
SQL) so that only the database's triggers can refuse it. Each attempt runs in its
own `transaction.atomic()`: on PostgreSQL an error aborts the transaction it happens in, and
the test's transaction has to survive it.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from moderation.models import ModerationAction

LOG_REFUSED = "The moderation log is append-only: {} refused"


@contextmanager
def _refused(message: str, operation: str):
    """Expect the database to refuse `operation`; the savepoint rolls the attempt back."""
    with pytest.raises(IntegrityError, match=message.format(operation)), transaction.atomic():
        yield


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# The moderation log ----------------------------------------------------------------------


@pytest.fixture
def entry(db) -> ModerationAction:
    return ModerationAction.objects.create(action=ModerationAction.Action.WARN, note="Mind it.")


def test_the_log_accepts_new_entries_through_the_model_and_raw_sql(entry):
    _sql(
        "INSERT INTO moderation_moderationaction (action, scope, reason, note, created_at) "
        "VALUES (%s, '', '', %s, %s)",
        ["ban", "Raw insert.", entry.created_at],
    )
    assert ModerationAction.objects.count() == 2


def test_the_database_refuses_to_update_a_log_entry_through_the_base_manager(entry):
    with _refused(LOG_REFUSED, "UPDATE"):
        ModerationAction._base_manager.filter(pk=entry.pk).update(note="rewritten")
    entry.refresh_from_db()
    assert entry.note == "Mind it."


def test_the_database_refuses_to_update_a_log_entry_through_raw_sql(entry):
    with _refused(LOG_REFUSED, "UPDATE"):
        _sql("UPDATE moderation_moderationaction SET action = %s WHERE id = %s", ["ban", entry.pk])
    entry.refresh_from_db()
    assert entry.action == ModerationAction.Action.WARN


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda pk: ModerationAction._base_manager.filter(pk=pk).delete(), id="base"),
        pytest.param(
            lambda pk: ModerationAction._base_manager.filter(pk=pk)._raw_delete("default"),
            id="raw_delete",
        ),
        pytest.param(
            lambda pk: _sql("DELETE FROM moderation_moderationaction WHERE id = %s", [pk]),
            id="sql",
        ),
    ],
)
def test_the_database_refuses_to_delete_a_log_entry(entry, delete):
    with _refused(LOG_REFUSED, "DELETE"):
        delete(entry.pk)
    assert ModerationAction.objects.filter(pk=entry.pk).exists()


# The test suite's own flush --------------------------------------------------------------


def test_the_test_flush_still_empties_the_guarded_tables_and_only_while_it_runs(
    transactional_db,
):
    ModerationAction.objects.create(action=ModerationAction.Action.WARN, note="Mind it.")
    call_command("flush", interactive=False, verbosity=0)
    assert not ModerationAction.objects.exists()
    after = ModerationAction.objects.create(action=ModerationAction.Action.WARN)
    with _refused(LOG_REFUSED, "DELETE"):
        _sql("DELETE FROM moderation_moderationaction WHERE id = %s", [after.pk])
