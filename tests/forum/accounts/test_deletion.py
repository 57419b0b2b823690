"""Deleting an account: nothing that identifies the person remains in any table, and what
others rely on (published summaries, citations, vote counts, the opinion map, the moderation
log) stays true."""

from __future__ import annotations

import re
import threading

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection, connections, transaction
from django.db.models import Count

from forum.accounts.deletion import (
    ERASED_TEXT,
    RELATIONS,
    AccountAlreadyDeleted,
    account_delete,
)
from forum.models import (
    DiscussionFollow,
    OpinionSnapshot,
    Position,
    PositionRevision,
    Reply,
    User,
    Vote,
    VoteValue,
)
from forum.search.models import Kind, SearchEntry
from forum.search.selectors import matching_entries, parse_query
from forum.search.services import search_reindex
from forum.votes import services as votes_services
from moderation.models import Appeal, ModerationAction, Notice, Report, Sanction
from tests.factories import PASSWORD
from tests.forum.accounts.conftest import EMAIL, PSEUDONYM, build_world


def columns_holding(needle: str) -> list[str]:
    """Every "table.column" of the database (all tables, every column read as text) that
    holds `needle`, ignoring case."""
    quote = connection.ops.quote_name
    pattern = "%" + re.sub(r"([\\%_])", r"\\\1", needle.lower()) + "%"
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # The columns as the database names them (Django's SQLite introspection trips
            # over some table definitions).
            cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")  # noqa: S608
            for column in [description[0] for description in cursor.description]:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 -- introspected names
                    f"WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s ESCAPE '\\'",
                    [pattern],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column}")
    return found


def _partition(snapshot: OpinionSnapshot, rename: dict[str, str] | None = None) -> set:
    groups: dict[int, set[str]] = {}
    for pid, label in snapshot.data["members"].items():
        groups.setdefault(label, set()).add((rename or {}).get(pid, pid))
    return {frozenset(members) for members in groups.values()}


def _summary_article(client, world) -> str:
    html = client.get(f"{world.closed_topic.get_absolute_url()}summary/").content.decode()
    return re.search(r'<article class="summary".*?</article>', html, re.S).group(0)


def _vote_counts() -> dict:
    rows = (
        Vote.objects.values("position_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("position_id", "value", "n")
    )
    return {(position, value): n for position, value, n in rows}


def test_the_search_helper_finds_what_is_there(world):
    assert "forum_user.username" in columns_holding(PSEUDONYM.upper())
    assert "forum_user.email" in columns_holding(EMAIL.lower())
    assert "account_emailaddress.email" in columns_holding(EMAIL)


def test_every_relation_to_accounts_has_a_rule_for_deletion(db):
    found = set()
    for relation in User._meta.get_fields(include_hidden=True):
        if relation.many_to_many and relation.concrete:
            found.add(("forum.User", relation.name))
        elif relation.is_relation and not relation.concrete:
            if relation.related_model._meta.auto_created:  # a many-to-many's own table
                continue
            found.add((relation.related_model._meta.label, relation.field.name))
    missing = {
        relation
        for relation in found
        if relation not in RELATIONS and not relation[0].startswith("auth.")
    }
    assert not missing, f"Decide what account deletion does with: {sorted(missing)}"


def test_after_deletion_no_column_of_any_table_holds_the_email_or_the_pseudonym(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.person)
    assert Session.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=world.person, erase_text=False)
    assert columns_holding(EMAIL) == []
    assert columns_holding(PSEUDONYM) == []
    assert columns_holding("Quinn") == [] and columns_holding("Kwok") == []
    assert Session.objects.count() == 0
    assert not client.get("/accounts/preferences/").wsgi_request.user.is_authenticated


def test_erasing_text_also_leaves_nothing_that_identifies(world):
    account_delete(user=world.person, erase_text=True)
    assert columns_holding(EMAIL) == [] and columns_holding(PSEUDONYM) == []


def test_the_account_row_stays_scrubbed_and_cannot_sign_in(world, client):
    person_id = world.person.pk
    account_delete(user=world.person, erase_text=False)
    row = User.objects.get(pk=person_id)
    assert row.deleted_at is not None and row.display_name == "deleted participant"
    assert row.username.startswith("deleted-") and row.email == ""
    assert not row.has_usable_password() and not row.is_active
    assert not row.groups.exists()
    assert authenticate(username=PSEUDONYM, password=PASSWORD) is None
    assert authenticate(email=EMAIL, password=PASSWORD) is None
    response = client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert not response.wsgi_request.user.is_authenticated
    for model in (Notice, DiscussionFollow):
        assert not model.objects.filter(user_id=person_id).exists()


def test_the_same_email_can_sign_up_again_as_a_new_account(world, client):
    person_id = world.person.pk
    account_delete(user=world.person, erase_text=False)
    response = client.post(
        "/accounts/signup/",
        {"email": EMAIL, "username": PSEUDONYM, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    again = User.objects.get(username=PSEUDONYM)
    assert again.pk != person_id and again.email.lower() == EMAIL.lower()
    assert not Position.objects.filter(author=again).exists()


def test_pages_show_deleted_participant_and_published_summaries_render_unchanged(world, client):
    before = _summary_article(client, world)
    account_delete(user=world.person, erase_text=True)
    assert _summary_article(client, world) == before
    page = client.get(world.cited.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "deleted participant" in html and PSEUDONYM not in html
    assert "Cited claim keeps its words" in html and "Cited body keeps its words." in html


def test_erase_text_erases_uncited_text_and_its_revisions_and_keeps_cited_text(world, client):
    result = account_delete(user=world.person, erase_text=True)
    assert (result.erased_positions, result.kept_cited_positions) == (1, 1)
    uncited = Position.objects.get(pk=world.uncited.pk)
    assert uncited.erased_at is not None
    assert (uncited.claim, uncited.body, uncited.body_html) == (ERASED_TEXT, ERASED_TEXT, "")
    texts = PositionRevision.objects.filter(position=uncited).values_list("claim", "body")
    assert set(texts) == {(ERASED_TEXT, ERASED_TEXT)} and len(texts) == 2
    cited = Position.objects.get(pk=world.cited.pk)
    assert cited.erased_at is None and cited.claim == "Cited claim keeps its words"
    assert cited.revisions.get().body == "Cited body keeps its words."
    for reply in Reply.norel_objects.filter(user_id=world.person.pk):
        assert (reply.comment, reply.comment_html) == (ERASED_TEXT, "")
        assert reply.erased_at is not None
    neighbour_reply = Reply.norel_objects.get(pk=world.neighbour_reply.pk)
    assert neighbour_reply.comment == "Neighbour's reply text."
    html = client.get(uncited.get_absolute_url()).content.decode()
    assert "Erased by its author." in html and ERASED_TEXT not in html
    assert "Neighbour's reply text." in html


def test_without_erasing_the_words_stay_under_deleted_participant(world):
    account_delete(user=world.person, erase_text=False)
    assert Position.objects.get(pk=world.uncited.pk).claim == "Uncited revised claim"
    reply = Reply.norel_objects.get(pk=world.reply.pk)
    assert reply.comment == "Person's visible reply text."
    assert (reply.user_name, reply.user_email, reply.user_url, reply.ip_address) == (
        "",
        "",
        "",
        None,
    )
    assert reply.user_id == world.person.pk


def test_votes_stay_counted_under_a_ballot_and_the_opinion_map_keeps_its_groups(
    world, django_capture_on_commit_callbacks
):
    topic = world.open_topic
    counts = _vote_counts()
    old = str(world.person.pk)
    groups_before = _partition(votes_services.opinions_compute(topic=topic))
    assert any(old in group for group in groups_before)
    requested = []
    with django_capture_on_commit_callbacks(execute=True):
        result = account_delete(
            user=world.person, erase_text=False, then=lambda topic_id: requested.append(topic_id)
        )
    assert requested == [topic.pk]
    assert _vote_counts() == counts
    ballot = User.objects.get(pk=result.ballot_id)
    assert ballot.deleted_at is not None and not ballot.is_active and ballot.email == ""
    assert not Vote.objects.filter(voter_id=world.person.pk).exists()
    assert Vote.objects.filter(voter=ballot).count() == 9
    # The stored map names the ballot at once, before any recomputation.
    stored = OpinionSnapshot.objects.get(topic=topic)
    assert old not in stored.data["members"] and old not in stored.data["places"]
    rename = {str(ballot.pk): old}
    assert _partition(stored, rename) == groups_before
    assert _partition(votes_services.opinions_compute(topic=topic), rename) == groups_before


def test_the_moderation_log_and_the_moderation_records_stay_pointing_at_the_row(world):
    person_id = world.person.pk
    log = list(ModerationAction.objects.order_by("pk").values())
    assert any(row["target_user_id"] == person_id for row in log)
    kept = {
        model: model.objects.filter(**{field: person_id}).count()
        for model, field in [(Report, "reporter_id"), (Appeal, "author_id"), (Sanction, "user_id")]
    }
    account_delete(user=world.person, erase_text=True)
    assert list(ModerationAction.objects.order_by("pk").values()) == log
    for model, field in [(Report, "reporter_id"), (Appeal, "author_id"), (Sanction, "user_id")]:
        assert model.objects.filter(**{field: person_id}).count() == kept[model] == 1


def test_a_second_deletion_of_the_same_account_is_refused_and_writes_nothing(world):
    account_delete(user=world.person, erase_text=False)
    users = User.objects.count()
    with pytest.raises(AccountAlreadyDeleted):
        account_delete(user=world.person, erase_text=True)
    assert User.objects.count() == users
    assert Position.objects.get(pk=world.uncited.pk).erased_at is None


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's shared in-memory test database"
)
@pytest.mark.django_db(transaction=True)
def test_two_deletions_at_once_run_one_after_the_other():
    with transaction.atomic():
        world = build_world()
    users = User.objects.count()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def delete() -> None:
        try:
            barrier.wait()
            account_delete(user=world.person, erase_text=False)
            outcomes.append("deleted")
        except AccountAlreadyDeleted:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=delete) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "deleted"]
    assert User.objects.count() == users + 1  # one ballot


def test_an_erased_position_takes_no_more_votes(world):
    account_delete(user=world.person, erase_text=True)
    erased = Position.objects.select_related("topic__consultation").get(pk=world.uncited.pk)
    assert erased.topic.consultation.accepts_positions
    with pytest.raises(PermissionDenied, match="erased"):
        votes_services.vote_cast(voter=world.neighbour, position=erased, value=VoteValue.AGREE)
    assert not erased.votes.filter(voter=world.neighbour).exists()


def test_erased_text_leaves_the_search_index_and_cited_text_stays_found(world):
    search_reindex()
    account_delete(user=world.person, erase_text=True)
    entries = SearchEntry.objects.filter(kind=Kind.POSITION)
    assert not entries.filter(position=world.uncited).exists()
    assert entries.filter(position=world.cited).exists()
    assert not SearchEntry.objects.filter(kind=Kind.REPLY, reply__user_id=world.person.pk).exists()
    assert SearchEntry.objects.filter(kind=Kind.REPLY, reply=world.neighbour_reply).exists()
    found = matching_entries(user=AnonymousUser(), query=parse_query("Uncited"))
    assert not found.filter(position=world.uncited).exists()
