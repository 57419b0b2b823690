"""Deleting an account: what identifies its owner goes, what others rely on stays true.

The account's row is kept, scrubbed, so that its positions and replies (shown as by "deleted
participant"), the citations of published summaries and the append-only moderation log keep
a pseudonymous reference. Its votes move to a new "ballot" row of their own, so that they still
count and still place someone on the opinion map, but can no longer be linked to the author of
the positions. Everything else that is about the person is deleted.

Every relation to the account is listed in RELATIONS with what deletion does to it; a test
fails when a model gains a relation to accounts that is not listed, so that no new table can
quietly keep someone's data after they left.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_comments.models import Comment, CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from forum.caching.services import site_changed
from forum.models import (
    Citation,
    DataExport,
    DiscussionFollow,
    OpinionSnapshot,
    Position,
    PositionRevision,
    Reply,
    SummaryVersion,
    User,
    Vote,
)
from forum.search.services import search_unindex_erased
from moderation.models import Contribution, Notice

# What erased text is replaced by in the database. Pages never show it: they read
# `erased_at` and say "Erased by its author." in the reader's language; files built from the
# columns (feeds, open data) show this marker.
ERASED_TEXT = "[erased]"

# Every relation from another table to an account, and what deletion does with it:
#   "scrub"  the row stays, pointing at the scrubbed account (its identifying columns emptied),
#   "keep"   the row stays as it is, pointing at the scrubbed account,
#   "ballot" the row moves to the new ballot account,
#   "delete" the row goes.
RELATIONS: dict[tuple[str, str], str] = {
    ("forum.Position", "author"): "keep",  # shown as by "deleted participant"; may be erased
    ("django_comments.Comment", "user"): "scrub",  # replies: name, e-mail, URL, IP emptied
    ("forum.Vote", "voter"): "ballot",
    ("django_comments.CommentFlag", "user"): "ballot",  # likes move; other flags go
    ("forum.DiscussionFollow", "user"): "delete",
    ("forum.DataExport", "user"): "delete",
    ("account.EmailAddress", "user"): "delete",  # its confirmations cascade
    ("admin.LogEntry", "user"): "keep",  # what this account did as staff, in the admin
    ("moderation.Notice", "user"): "delete",
    ("moderation.Contribution", "user"): "delete",  # rate-limit counts
    ("moderation.Report", "reporter"): "keep",
    ("moderation.Appeal", "author"): "keep",
    ("moderation.Sanction", "user"): "keep",
    ("moderation.Sanction", "created_by"): "keep",
    ("moderation.ModeratedItem", "author"): "keep",
    ("moderation.ModeratedItem", "claimed_by"): "keep",
    ("moderation.ModerationAction", "actor"): "keep",  # append-only: the pseudonymous reference
    ("moderation.ModerationAction", "target_user"): "keep",
    ("forum.SummaryVersion", "created_by"): "keep",  # published versions are immutable
    ("forum.SummaryVersion", "published_by"): "keep",
    ("forum.User", "groups"): "delete",
    ("forum.User", "user_permissions"): "delete",
}


class AccountAlreadyDeleted(Exception):
    """A second deletion of the same account (two tabs, a double submit) found it done."""


@dataclass
class AccountDeletion:
    """What one deletion did, for the confirmation page and the tests."""

    user_id: int
    ballot_id: int | None
    topic_ids: list[int] = field(default_factory=list)
    erased_positions: int = 0
    kept_cited_positions: int = 0
    erased_replies: int = 0


def cited_position_ids(*, author: User) -> set[int]:
    """The author's positions that a published summary cites: their text stays."""
    return set(
        Citation.objects.filter(
            position__author=author, version__status=SummaryVersion.Status.PUBLISHED
        ).values_list("position_id", flat=True)
    )


def account_delete(
    *,
    user: User,
    erase_text: bool,
    then: Callable[..., None] | None = None,
) -> AccountDeletion:
    """The account's owner (the view has checked their password) deletes it, in one
    transaction; see the module's docstring. `then(topic_id=…)` runs after commit for every
    topic the account voted in (the view passes the opinion map's recomputation request).

    Raises AccountAlreadyDeleted when the account is deleted already (or being deleted: the
    row is locked first, so two deletions at once run one after the other)."""
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=user.pk)
        if account.deleted_at is not None:
            raise AccountAlreadyDeleted
        # A day, not an instant: the ballot row and the scrubbed row must not be matched by
        # the moment both were written.
        day = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        result = AccountDeletion(user_id=account.pk, ballot_id=None)

        result.topic_ids = sorted(
            set(Vote.objects.filter(voter=account).values_list("position__topic_id", flat=True))
        )
        likes = CommentFlag.objects.filter(user=account, flag__in=[LIKEDIT_FLAG, DISLIKEDIT_FLAG])
        if result.topic_ids or likes.exists():
            ballot = _ballot_create(day=day)
            result.ballot_id = ballot.pk
            Vote.objects.filter(voter=account).update(voter=ballot)
            likes.update(user=ballot)
            _opinion_maps_follow_ballot(result.topic_ids, old=account.pk, new=ballot.pk)
        CommentFlag.objects.filter(user=account).delete()

        # Replies keep their author (the scrubbed row); the copies of the name go.
        Comment.objects.filter(user=account).update(
            user_name="", user_email="", user_url="", ip_address=None
        )
        Reply.norel_objects.filter(user=account).update(followup=False)
        if erase_text:
            _erase_text(account, result, at=timezone.now())

        _admin_history_forget(account)
        _sessions_delete(account.pk)
        EmailAddress.objects.filter(user=account).delete()
        Notice.objects.filter(user=account).delete()
        DiscussionFollow.objects.filter(user=account).delete()
        Contribution.objects.filter(user=account).delete()
        files = [
            name
            for name in DataExport.objects.filter(user=account).values_list("file_name", flat=True)
            if name
        ]
        DataExport.objects.filter(user=account).delete()
        # After commit: a rolled-back deletion must still find its downloads.
        transaction.on_commit(lambda: _files_delete(files), robust=True)

        _scrub(account, day=day)
        # Its name (and with erase_text its words) showed on any consultation's pages.
        site_changed()
        account.groups.clear()
        account.user_permissions.clear()

        if then is not None:
            for topic_id in result.topic_ids:
                transaction.on_commit(
                    lambda topic_id=topic_id: then(topic_id=topic_id), robust=True
                )
    return result


def _ballot_create(*, day: datetime.datetime) -> User:
    """A row that only holds votes: no name anyone chose, no address, no way to sign in."""
    ballot = User(
        email="",
        is_active=False,
        summary_emails=False,
        date_joined=day,
        deleted_at=day,
    )
    ballot.set_pseudonym(f"ballot-{secrets.token_hex(8)}")
    ballot.set_unusable_password()
    ballot.full_clean()
    ballot.save()
    return ballot


def _scrub(account: User, *, day: datetime.datetime) -> None:
    # "deleted-" and hex digits pass the pseudonym validators; the token only keeps the
    # column unique, and means nothing.
    account.set_pseudonym(f"deleted-{secrets.token_hex(6)}")
    account.email = ""
    account.first_name = ""
    account.last_name = ""
    account.set_unusable_password()
    account.is_active = False
    account.is_staff = False
    account.is_superuser = False
    account.summary_emails = False
    account.last_login = None
    account.deleted_at = day
    account.full_clean()
    account.save(
        update_fields=[
            "username",
            "pseudonym_key",
            "email",
            "first_name",
            "last_name",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "summary_emails",
            "last_login",
            "deleted_at",
        ]
    )


def _opinion_maps_follow_ballot(topic_ids: list[int], *, old: int, new: int) -> None:
    """The stored maps name participants by account id (to keep group labels stable and to
    show a voter their own point): the deleted account's entries become the ballot's at once,
    so that no map links the author to a point while the recomputation waits in the queue."""
    for snapshot in OpinionSnapshot.objects.select_for_update().filter(topic_id__in=topic_ids):
        data = dict(snapshot.data)
        changed = False
        for key in ("members", "places"):
            entries = dict(data.get(key) or {})
            if str(old) in entries:
                entries[str(new)] = entries.pop(str(old))
                data[key] = entries
                changed = True
        if changed:
            snapshot.data = data
            snapshot.save(update_fields=["data"])


def _erase_text(account: User, result: AccountDeletion, *, at: datetime.datetime) -> None:
    cited = cited_position_ids(author=account)
    uncited = Position.objects.filter(author=account).exclude(pk__in=cited)
    PositionRevision.objects.filter(position__in=uncited).update(
        claim=ERASED_TEXT, body=ERASED_TEXT, body_html=""
    )
    result.erased_positions = uncited.update(
        claim=ERASED_TEXT, body=ERASED_TEXT, body_html="", erased_at=at
    )
    result.kept_cited_positions = len(cited)
    replies = Reply.norel_objects.filter(user=account)
    result.erased_replies = replies.update(comment=ERASED_TEXT, comment_html="", erased_at=at)
    search_unindex_erased(
        positions=Position.objects.filter(author=account, erased_at=at).values("pk"),
        replies=replies.values("pk"),
    )


def _admin_history_forget(account: User) -> None:
    """The admin's history names its objects (`object_repr`): an account by its pseudonym, an
    address by itself, a reply by its author's name. Entries about the account and its
    addresses go; entries about its replies keep what was done, without the name."""
    user_type = ContentType.objects.get_for_model(User)
    address_type = ContentType.objects.get_for_model(EmailAddress)
    address_ids = [str(pk) for pk in EmailAddress.objects.filter(user=account).values_list("pk")]
    LogEntry.objects.filter(content_type=user_type, object_id=str(account.pk)).delete()
    LogEntry.objects.filter(content_type=address_type, object_id__in=address_ids).delete()
    reply_ids = [str(pk) for pk in Reply.norel_objects.filter(user=account).values_list("pk")]
    if reply_ids:
        for model in (Reply, Comment):
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
                object_id__in=reply_ids,
            ).update(object_repr="", change_message="")


def _sessions_delete(user_id: int) -> None:
    """Every session signed in as this account. With a database-backed engine the rows are
    read and decoded (the account id is inside the signed data); with any engine the
    sessions are dead anyway, since Django checks each against the password hash, which the
    scrub replaces."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        return
    model = store_class.get_model_class()
    decoder = store_class()
    doomed = [
        session.session_key
        for session in model.objects.only("session_key", "session_data").iterator(chunk_size=2000)
        if str(decoder.decode(session.session_data).get(SESSION_KEY)) == str(user_id)
    ]
    for key in doomed:
        # Through the store, so that a cached_db engine forgets its cached copy too.
        store_class(session_key=key).delete()


def _files_delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
