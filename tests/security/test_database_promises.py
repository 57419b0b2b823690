"""Promises the database keeps: the moderation log is append-only, published summaries and
their citations never change (migrations moderation 0003 and forum 0011).

Every refusal here goes around the models' own guards (the base manager, `_raw_delete`, raw
SQL, a cascade) so that only the database's triggers can refuse it. Each attempt runs in its
own `transaction.atomic()`: on PostgreSQL an error aborts the transaction it happens in, and
the test's transaction has to survive it.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from forum.models import Citation, Summary, SummaryVersion
from forum.summaries import services as summaries
from moderation import services as moderation_services
from moderation.models import ModerationAction
from tests.factories import PositionFactory, UserFactory

LOG_REFUSED = "The moderation log is append-only: {} refused"
VERSION_REFUSED = "A published summary version is immutable: {} refused"
CITATION_REFUSED = "Citations of a published summary version are immutable: {} refused"


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


# Published summaries and their citations -------------------------------------------------


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(moderation_services.moderators_group())
    return user


@pytest.fixture
def positions(closed_topic):
    stances = list(closed_topic.stances.all())
    return [PositionFactory(topic=closed_topic, stance=stance) for stance in stances]


def _body(positions) -> str:
    lines = "\n".join(f"- {p.claim} [[P{p.pk}]]" for p in positions)
    return f"## Introduction\n\nWhy.\n\n## Arguments\n\n{lines}\n\n## Method\n\nHow.\n"


def _publish(moderator, topic, body: str, change_note: str = "") -> SummaryVersion:
    draft = summaries.summary_draft_save(
        editor=moderator, scope=topic, body=body, change_note=change_note
    )
    return summaries.summary_publish(
        publisher=moderator,
        scope=topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="Tested as it stands.",
    )


@pytest.fixture
def published(moderator, closed_topic, positions) -> SummaryVersion:
    return _publish(moderator, closed_topic, _body(positions))


def test_publishing_a_draft_is_allowed_and_a_correction_is_a_new_version(
    moderator, closed_topic, positions
):
    draft = summaries.summary_draft_save(
        editor=moderator, scope=closed_topic, body=_body(positions)
    )
    first = summaries.summary_publish(
        publisher=moderator, scope=closed_topic, version_number=draft.number
    )
    first.refresh_from_db()
    assert first.status == SummaryVersion.Status.PUBLISHED and first.published_by == moderator
    assert first.citations.count() == len(positions)
    second = _publish(moderator, closed_topic, _body(positions[:1]), change_note="Shorter.")
    assert second.number == 2 and second.citations.count() == 1
    assert first.citations.count() == len(positions)


def test_a_draft_and_its_citations_stay_editable(moderator, closed_topic, positions):
    draft = summaries.summary_draft_save(
        editor=moderator, scope=closed_topic, body=_body(positions)
    )
    # What summary_draft_save does on the next save: update the row, replace the citations.
    draft = summaries.summary_draft_save(
        editor=moderator, scope=closed_topic, body=_body(positions[1:])
    )
    assert list(draft.citations.values_list("position", flat=True)) == [p.pk for p in positions[1:]]
    SummaryVersion.objects.filter(pk=draft.pk).update(body="Rewritten.", stats={})
    Citation.objects.filter(version=draft).update(number=F("number") + 10)
    Citation.objects.filter(version=draft).delete()
    Citation.objects.create(version=draft, position=positions[0], number=1)
    _sql("UPDATE forum_summaryversion SET change_note = %s WHERE id = %s", ["Raw.", draft.pk])
    draft.refresh_from_db()
    assert (draft.body, draft.change_note, draft.citations.count()) == ("Rewritten.", "Raw.", 1)
    draft.delete()
    assert not SummaryVersion.objects.exists() and not Citation.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"body": "Rewritten."},
        {"body_html": "<p>Rewritten.</p>"},
        {"stats": {"participants": 0}},
        {"change_note": "Quietly edited."},
        {"status": SummaryVersion.Status.DRAFT},
        {"published_at": None, "status": SummaryVersion.Status.DRAFT},
    ],
    ids=["body", "body_html", "stats", "change_note", "status", "unpublish"],
)
def test_the_database_refuses_to_update_a_published_version(published, changes):
    with _refused(VERSION_REFUSED, "UPDATE"):
        SummaryVersion.objects.filter(pk=published.pk).update(**changes)
    assert SummaryVersion.objects.get(pk=published.pk).body == published.body


def test_the_database_refuses_to_update_a_published_version_through_raw_sql(published):
    with _refused(VERSION_REFUSED, "UPDATE"):
        _sql("UPDATE forum_summaryversion SET stats = %s WHERE id = %s", ["{}", published.pk])
    assert SummaryVersion.objects.get(pk=published.pk).stats == published.stats


def test_saving_a_published_version_through_the_model_is_refused_by_the_database(published):
    published.body = "Rewritten."
    with _refused(VERSION_REFUSED, "UPDATE"):
        published.save(update_fields=["body"])


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(
            lambda pk: SummaryVersion.objects.filter(pk=pk)._raw_delete("default"),
            id="raw_delete",
        ),
        pytest.param(
            lambda pk: _sql("DELETE FROM forum_summaryversion WHERE id = %s", [pk]), id="sql"
        ),
    ],
)
def test_the_database_refuses_to_delete_a_published_version(published, delete):
    with _refused(VERSION_REFUSED, "DELETE"):
        delete(published.pk)
    assert SummaryVersion.objects.filter(pk=published.pk).exists()


def test_deleting_a_published_version_refuses_its_citations_first(published):
    # Django's collector deletes the citations before the version: that is what is refused.
    with _refused(CITATION_REFUSED, "DELETE"):
        published.delete()
    assert published.citations.count() == 3


def test_the_database_refuses_a_new_citation_of_a_published_version(published, closed_topic):
    extra = PositionFactory(topic=closed_topic, stance=closed_topic.stances.first())
    with _refused(CITATION_REFUSED, "INSERT"):
        Citation.objects.create(version=published, position=extra, number=9)
    with _refused(CITATION_REFUSED, "INSERT"):
        _sql(
            "INSERT INTO forum_citation (version_id, position_id, number) VALUES (%s, %s, 9)",
            [published.pk, extra.pk],
        )
    assert published.citations.count() == 3


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda version: Citation.objects.filter(version=version).delete(), id="orm"),
        pytest.param(
            lambda version: Citation.objects.filter(version=version)._raw_delete("default"),
            id="raw_delete",
        ),
        pytest.param(
            lambda version: _sql("DELETE FROM forum_citation WHERE version_id = %s", [version.pk]),
            id="sql",
        ),
    ],
)
def test_the_database_refuses_to_delete_a_citation_of_a_published_version(published, delete):
    with _refused(CITATION_REFUSED, "DELETE"):
        delete(published)
    assert published.citations.count() == 3


def test_the_database_refuses_to_renumber_a_citation_of_a_published_version(published):
    with _refused(CITATION_REFUSED, "UPDATE"):
        Citation.objects.filter(version=published).update(number=F("number") + 10)
    with _refused(CITATION_REFUSED, "UPDATE"):
        _sql("UPDATE forum_citation SET number = 99 WHERE version_id = %s", [published.pk])
    assert sorted(published.citations.values_list("number", flat=True)) == [1, 2, 3]


def test_the_database_refuses_to_move_a_citation_into_or_out_of_a_published_version(
    moderator, published, closed_topic
):
    extra = PositionFactory(topic=closed_topic, stance=closed_topic.stances.first())
    draft = summaries.summary_draft_save(
        editor=moderator, scope=closed_topic, body=f"## A\n\n[[P{extra.pk}]]\n"
    )
    # Into: the old version is a draft, the new one is published.
    with _refused(CITATION_REFUSED, "UPDATE"):
        Citation.objects.filter(version=draft).update(version=published, number=99)
    # Out of: the old version is published, the new one a draft.
    with _refused(CITATION_REFUSED, "UPDATE"):
        Citation.objects.filter(version=published, number=1).update(version=draft, number=99)
    assert (draft.citations.count(), published.citations.count()) == (1, 3)


@pytest.mark.parametrize("what", ["topic", "consultation", "summary"])
def test_deleting_what_holds_a_published_summary_is_refused_by_the_database(
    moderator, closed_topic, what
):
    # No citations: a cited position is PROTECTed in Python, which would refuse first.
    version = _publish(moderator, closed_topic, "## Introduction\n\nNothing was said.\n")
    assert not version.citations.exists()
    holder = {
        "topic": closed_topic,
        "consultation": closed_topic.consultation,
        "summary": version.summary,
    }[what]
    with _refused(VERSION_REFUSED, "DELETE"):
        holder.delete()
    assert Summary.objects.filter(pk=version.summary_id).exists()
    assert SummaryVersion.objects.filter(pk=version.pk).exists()


# The test suite's own flush --------------------------------------------------------------


def test_the_test_flush_still_empties_the_guarded_tables_and_only_while_it_runs(
    transactional_db, moderator, closed_topic, positions
):
    ModerationAction.objects.create(action=ModerationAction.Action.WARN, note="Mind it.")
    _publish(moderator, closed_topic, _body(positions))
    call_command("flush", interactive=False, verbosity=0)
    assert not ModerationAction.objects.exists() and not SummaryVersion.objects.exists()
    assert not Citation.objects.exists()
    after = ModerationAction.objects.create(action=ModerationAction.Action.WARN)
    with _refused(LOG_REFUSED, "DELETE"):
        _sql("DELETE FROM moderation_moderationaction WHERE id = %s", [after.pk])
