"""A published summary version and its citations never change, promised by the database.

`forum.summaries.services` edits only drafts: `summary_draft_save` updates the draft row,
deletes its citations and creates them again; `summary_publish` updates the draft once, from
"draft" to "published" (with published_by, published_at, publish_anyway_reason and stats). A
correction is a new version. These triggers refuse everything else, whoever sends it:

- `forum_summaryversion`: any UPDATE of a row that is published already (whatever the
  columns), and any DELETE of a published row. Drafts stay editable and deletable; publishing
  is an UPDATE of a row whose old status is "draft", so it passes.
- `forum_citation`: any INSERT, UPDATE or DELETE of a citation of a published version (for an
  UPDATE, of the old or the new version).

A cascade is refused too: deleting a topic, a consultation or a summary that has a published
version fails when Django's collector deletes the version's citations or the version. (Where
the version cites positions, deleting the topic or consultation stops earlier, in Python: a
cited position is PROTECTed.)

PostgreSQL: BEFORE row triggers whose functions raise SQLSTATE 23000 (Django reports
`IntegrityError`). The status test is inside the functions rather than in a trigger WHEN
clause, because PostgreSQL refuses to change the type of a column named in a WHEN clause,
which would block a later AlterField on `status`. The citation check reads the version with
FOR SHARE whatever its status, so a citation written while its version is being published
waits for that transaction and then sees the version as published.

SQLite: one BEFORE trigger per operation that `RAISE(ABORT, ...)` (also `IntegrityError`).

TRUNCATE is not refused. Django's test flush (`transactional_db`, `live_server`) empties
PostgreSQL tables with TRUNCATE, which fires no row trigger; emptying whole tables is a
database administrator's act, and a deployment that wants to forbid it revokes TRUNCATE from
the application's database role. SQLite has no TRUNCATE: Django's flush runs `DELETE FROM`,
so the DELETE triggers stay quiet while the connection-local temporary table
`agora_flush_in_progress` exists, which only the test suite creates around its flush (see
tests/conftest.py). `pragma_table_list` needs SQLite 3.37 or newer; a trigger of the main
schema may not name `temp.sqlite_master`.

On SQLite, a later migration that remakes one of these tables (most ALTER operations do: new
table, copy, drop, rename) drops its triggers with the old table and must create them again;
tests/security/test_database_promises.py fails if they are missing.
"""

from django.db import migrations

FLUSH_IN_PROGRESS = (
    "EXISTS (SELECT 1 FROM pragma_table_list "
    "WHERE schema = 'temp' AND name = 'agora_flush_in_progress')"
)

POSTGRESQL = [
    """
    CREATE FUNCTION forum_summaryversion_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status = 'published' THEN
            RAISE EXCEPTION 'A published summary version is immutable: % refused (version %).',
                TG_OP, OLD.id
                USING ERRCODE = 'integrity_constraint_violation',
                      HINT = 'A correction is a new version.';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    """
    CREATE TRIGGER forum_summaryversion_immutable
    BEFORE UPDATE OR DELETE ON forum_summaryversion
    FOR EACH ROW EXECUTE FUNCTION forum_summaryversion_immutable()
    """,
    """
    CREATE FUNCTION forum_citation_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        versions bigint[];
        version_status text;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            versions := ARRAY[NEW.version_id];
        ELSIF TG_OP = 'UPDATE' THEN
            versions := ARRAY[OLD.version_id, NEW.version_id];
        ELSE
            versions := ARRAY[OLD.version_id];
        END IF;
        -- FOR SHARE on the versions whatever their status: one being published right now is
        -- waited for, then read as published.
        FOR version_status IN
            SELECT status FROM forum_summaryversion WHERE id = ANY(versions) FOR SHARE
        LOOP
            IF version_status = 'published' THEN
                RAISE EXCEPTION
                    'Citations of a published summary version are immutable: % refused.', TG_OP
                    USING ERRCODE = 'integrity_constraint_violation',
                          HINT = 'A correction is a new version.';
            END IF;
        END LOOP;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    """
    CREATE TRIGGER forum_citation_immutable
    BEFORE INSERT OR UPDATE OR DELETE ON forum_citation
    FOR EACH ROW EXECUTE FUNCTION forum_citation_immutable()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS forum_citation_immutable ON forum_citation",
    "DROP FUNCTION IF EXISTS forum_citation_immutable()",
    "DROP TRIGGER IF EXISTS forum_summaryversion_immutable ON forum_summaryversion",
    "DROP FUNCTION IF EXISTS forum_summaryversion_immutable()",
]

PUBLISHED = "SELECT 1 FROM forum_summaryversion WHERE status = 'published' AND id"
SQLITE = [
    """
    CREATE TRIGGER forum_summaryversion_published_no_update
    BEFORE UPDATE ON forum_summaryversion
    WHEN OLD.status = 'published'
    BEGIN
        SELECT RAISE(ABORT, 'A published summary version is immutable: UPDATE refused.');
    END
    """,
    f"""
    CREATE TRIGGER forum_summaryversion_published_no_delete
    BEFORE DELETE ON forum_summaryversion
    WHEN OLD.status = 'published' AND NOT {FLUSH_IN_PROGRESS}
    BEGIN
        SELECT RAISE(ABORT, 'A published summary version is immutable: DELETE refused.');
    END
    """,
    f"""
    CREATE TRIGGER forum_citation_published_no_insert
    BEFORE INSERT ON forum_citation
    WHEN EXISTS ({PUBLISHED} = NEW.version_id)
    BEGIN
        SELECT RAISE(
            ABORT, 'Citations of a published summary version are immutable: INSERT refused.'
        );
    END
    """,
    f"""
    CREATE TRIGGER forum_citation_published_no_update
    BEFORE UPDATE ON forum_citation
    WHEN EXISTS ({PUBLISHED} IN (OLD.version_id, NEW.version_id))
    BEGIN
        SELECT RAISE(
            ABORT, 'Citations of a published summary version are immutable: UPDATE refused.'
        );
    END
    """,
    f"""
    CREATE TRIGGER forum_citation_published_no_delete
    BEFORE DELETE ON forum_citation
    WHEN EXISTS ({PUBLISHED} = OLD.version_id) AND NOT {FLUSH_IN_PROGRESS}
    BEGIN
        SELECT RAISE(
            ABORT, 'Citations of a published summary version are immutable: DELETE refused.'
        );
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS forum_citation_published_no_delete",
    "DROP TRIGGER IF EXISTS forum_citation_published_no_update",
    "DROP TRIGGER IF EXISTS forum_citation_published_no_insert",
    "DROP TRIGGER IF EXISTS forum_summaryversion_published_no_delete",
    "DROP TRIGGER IF EXISTS forum_summaryversion_published_no_update",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        # A promise that silently goes missing is worse than a migration that stops.
        raise NotImplementedError(f"No immutability triggers for the {vendor} database.")
    for sql in statements[vendor]:
        # No parameters: the PL/pgSQL `%` placeholders are not Python ones.
        schema_editor.execute(sql, params=None)


def create_triggers(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL, "sqlite": SQLITE})


def drop_triggers(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE})


class Migration(migrations.Migration):
    dependencies = [("forum", "0010_consultation_summaries")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
