"""The moderation log is append-only at the database: triggers refuse UPDATE and DELETE.

`ModerationAction` already refuses edits in Python (its manager, `save()` and `delete()`), but
`_base_manager`, raw SQL, a cascade or a shell go around Python. These triggers do not:

- PostgreSQL: one BEFORE UPDATE OR DELETE row trigger whose function raises SQLSTATE 23000
  (psycopg and Django report it as `IntegrityError`), naming the operation and the entry.
- SQLite: two BEFORE triggers, UPDATE and DELETE, that `RAISE(ABORT, ...)` (also reported as
  `IntegrityError`).

INSERT stays allowed: writing the log is its purpose.

TRUNCATE is not refused. Django's test flush (`transactional_db`, `live_server`) empties
PostgreSQL tables with TRUNCATE, which fires no row trigger; refusing it would need a
statement-level trigger that the test suite would have to switch off, and the promise is about
rows being changed or removed one by one by application code. Emptying the whole table is a
database administrator's act; a deployment that wants to forbid it revokes TRUNCATE (and
trigger changes) from the application's database role.

SQLite has no TRUNCATE: Django's flush runs `DELETE FROM` on each table. The DELETE trigger
therefore stays quiet while the connection-local temporary table `agora_flush_in_progress`
exists; only the test suite creates it, around Django's flush (see tests/conftest.py). The
check reads `pragma_table_list` (SQLite 3.37 or newer) because a trigger of the main schema
may not name `temp.sqlite_master`.

On SQLite, a later migration that remakes this table (most ALTER operations do: new table,
copy, drop, rename) drops these triggers with the old table and must create them again;
tests/security/test_database_promises.py fails if they are missing.
"""

from django.db import migrations

TABLE = "moderation_moderationaction"
FLUSH_IN_PROGRESS = (
    "EXISTS (SELECT 1 FROM pragma_table_list "
    "WHERE schema = 'temp' AND name = 'agora_flush_in_progress')"
)

POSTGRESQL = [
    """
    CREATE FUNCTION moderation_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'The moderation log is append-only: % refused (entry %).', TG_OP, OLD.id
            USING ERRCODE = 'integrity_constraint_violation',
                  HINT = 'Record a new moderation action instead.';
    END;
    $$
    """,
    f"""
    CREATE TRIGGER moderation_log_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only()
    """,
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS moderation_log_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS moderation_log_append_only()",
]

SQLITE = [
    f"""
    CREATE TRIGGER moderation_log_no_update
    BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'The moderation log is append-only: UPDATE refused.');
    END
    """,
    f"""
    CREATE TRIGGER moderation_log_no_delete
    BEFORE DELETE ON {TABLE}
    WHEN NOT {FLUSH_IN_PROGRESS}
    BEGIN
        SELECT RAISE(ABORT, 'The moderation log is append-only: DELETE refused.');
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS moderation_log_no_update",
    "DROP TRIGGER IF EXISTS moderation_log_no_delete",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        # A promise that silently goes missing is worse than a migration that stops.
        raise NotImplementedError(f"No append-only triggers for the {vendor} database.")
    for sql in statements[vendor]:
        # No parameters: the PL/pgSQL `%` placeholders are not Python ones.
        schema_editor.execute(sql, params=None)


def create_triggers(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL, "sqlite": SQLITE})


def drop_triggers(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_moderators_group")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
