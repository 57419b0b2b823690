"""Everything the forum holds about one account, as one JSON file (its owner's download).

`data_export_build` is what the task runs; `write_personal_data` writes the document to any
text stream (the management command `personal_data_export` calls it too). Sections are
written one after the other, each streamed from the database in chunks, so an account with
thousands of votes is never held in memory; `progress` is told after each section.

The document (schema version 1) is an object with these keys:

- `schema_version`, `generated_at` (ISO 8601), `about` (these keys, explained in English);
- `account`: pseudonym, e-mail addresses (the account's own data: only its owner gets this
  file), when it joined and last signed in, language, e-mail preferences;
- `positions`: each with its topic, stance, claim, body, dates, moderation status and every
  revision;
- `replies`: each with the position it answers (id and address), the reply it answers, text,
  leaning, date and moderation status;
- `votes`: position id, value (1 agree, -1 disagree, 0 pass), when cast and last changed;
- `reply_feedback`: the replies it liked or disliked;
- `reports`, `appeals`, `sanctions`: as moderation recorded them;
- `notices`: each as a sentence in the account's language and as the stored event;
- `moderation_decisions`: log entries about the account or its contributions (moderators
  are not named: the public log does not name them either);
- `followed_discussions`, `data_exports`.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from forum.accounts.models import DATA_EXPORT_DAYS, DataExport
from forum.models import DiscussionFollow, Position, Reply, User, Vote
from moderation.models import Appeal, Notice, Report, Sanction
from moderation.notices import notice_message
from moderation.selectors import actions_about

SCHEMA_VERSION = 1
CHUNK = 2000
# Stored under a folder no URL maps to: the file is served only by the owner's view.
FOLDER = "private/data-exports"

ABOUT = {
    "schema_version": "The version of this document's layout.",
    "generated_at": "When this file was written (ISO 8601).",
    "account": "Your account: pseudonym, e-mail addresses, dates, language, preferences.",
    "positions": "Your positions, each with every revision.",
    "replies": "Your replies, with the position (and reply) each answers.",
    "votes": "Your votes: 1 agree, -1 disagree, 0 pass.",
    "reply_feedback": "The replies you liked or disliked.",
    "reports": "The reports you made.",
    "appeals": "Your appeals against moderation decisions.",
    "sanctions": "Warnings, suspensions and bans of your account.",
    "notices": "What moderation told you, in your language and as the stored event.",
    "moderation_decisions": "Moderation log entries about your account or your contributions.",
    "followed_discussions": "The discussions you follow by e-mail.",
    "data_exports": "Your requests for this download.",
}


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> Iterator[dict]:
    addresses = EmailAddress.objects.filter(user=user).order_by("pk")
    yield {
        "pseudonym": user.username,
        "email": user.email,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
        ],
        "joined": _when(user.date_joined),
        "last_sign_in": _when(user.last_login),
        "language": user.language,
        "summary_emails": user.summary_emails,
    }


def _positions(user: User) -> Iterator[dict]:
    rows = (
        Position.objects.filter(author=user)
        .select_related("topic__consultation", "stance")
        .prefetch_related("revisions__stance")
        .order_by("pk")
    )
    for p in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": p.pk,
            "url": p.get_absolute_url(),
            "consultation": p.topic.consultation.title,
            "topic": p.topic.question,
            "stance": p.stance.key,
            "claim": p.claim,
            "body": p.body,
            "posted": _when(p.created_at),
            "revised": _when(p.revised_at),
            "moderation_status": p.moderation_status,
            "erased": _when(p.erased_at),
            "revisions": [
                {
                    "number": r.number,
                    "stance": r.stance.key,
                    "claim": r.claim,
                    "body": r.body,
                    "written": _when(r.created_at),
                }
                for r in sorted(p.revisions.all(), key=lambda r: r.number)
            ],
        }


def _chunks(rows: Iterable, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _replies(user: User) -> Iterator[dict]:
    rows = Reply.norel_objects.filter(user=user).order_by("pk").iterator(chunk_size=CHUNK)
    for chunk in _chunks(rows):
        ids = {int(r.object_pk) for r in chunk if r.object_pk.isascii() and r.object_pk.isdigit()}
        urls = {
            p.pk: p.get_absolute_url()
            for p in Position.objects.filter(pk__in=ids).select_related("topic__consultation")
        }
        for r in chunk:
            position_id = int(r.object_pk) if r.object_pk.isdigit() else None
            yield {
                "id": r.pk,
                "url": reverse("forum:reply", kwargs={"pk": r.pk}),
                "position": position_id,
                "position_url": urls.get(position_id),
                "answers_reply": r.parent_id if r.parent_id != r.pk else None,
                "leaning": r.leaning,
                "text": r.comment,
                "posted": _when(r.submit_date),
                "moderation_status": r.moderation_status,
                "erased": _when(r.erased_at),
            }


def _votes(user: User) -> Iterator[dict]:
    rows = (
        Vote.objects.filter(voter=user)
        .order_by("pk")
        .values_list("position_id", "value", "created_at", "updated_at")
    )
    for position_id, value, created, updated in rows.iterator(chunk_size=CHUNK):
        yield {
            "position": position_id,
            "value": value,
            "cast": _when(created),
            "changed": _when(updated),
        }


def _reply_feedback(user: User) -> Iterator[dict]:
    kinds = {LIKEDIT_FLAG: "like", DISLIKEDIT_FLAG: "dislike"}
    rows = (
        CommentFlag.objects.filter(user=user, flag__in=list(kinds))
        .order_by("pk")
        .values_list("comment_id", "flag", "flag_date")
    )
    for reply_id, flag, date in rows.iterator(chunk_size=CHUNK):
        yield {"reply": reply_id, "feedback": kinds[flag], "given": _when(date)}


def _content_ref(item) -> dict | None:
    if item is None:
        return None
    return {"kind": item.content_type.model, "id": item.object_id}


def _reports(user: User) -> Iterator[dict]:
    rows = Report.objects.filter(reporter=user).select_related("item__content_type")
    for r in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "content": _content_ref(r.item),
            "reason": r.reason,
            "details": r.text,
            "made": _when(r.created_at),
            "resolved": _when(r.resolved_at),
            "upheld": r.upheld,
        }


def _appeals(user: User) -> Iterator[dict]:
    rows = Appeal.objects.filter(author=user).select_related("item__content_type")
    for a in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "content": _content_ref(a.item),
            "text": a.text,
            "made": _when(a.created_at),
            "outcome": a.outcome,
            "decided": _when(a.decided_at),
        }


def _sanctions(user: User) -> Iterator[dict]:
    for s in Sanction.objects.filter(user=user).order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "kind": s.kind,
            "reason": s.reason,
            "note": s.note,
            "until": _when(s.until),
            "given": _when(s.created_at),
            "lifted": _when(s.lifted_at),
        }


def _notices(user: User) -> Iterator[dict]:
    rows = Notice.objects.filter(user=user).order_by("pk")
    language = user.language if user.language in dict(settings.LANGUAGES) else None
    with translation.override(language or settings.LANGUAGE_CODE):
        for n in rows.iterator(chunk_size=CHUNK):
            yield {
                "message": notice_message(n),
                "event": {
                    "event": n.event,
                    "reason": n.reason,
                    "until": _when(n.until),
                    "excerpt": n.excerpt,
                    "note": n.note,
                    "may_appeal": n.may_appeal,
                    "holds": n.holds,
                    "content": {"id": n.item_id} if n.item_id else None,
                },
                "sent": _when(n.created_at),
            }


def _moderation_decisions(user: User) -> Iterator[dict]:
    for a in actions_about(user).iterator(chunk_size=CHUNK):
        yield {
            "action": a.action,
            "by": "screening"
            if a.actor_id is None
            else ("you" if a.actor_id == user.pk else "moderator"),
            "content": _content_ref(a.item),
            "about_your_account": a.target_user_id == user.pk,
            "reason": a.reason,
            "note": a.note,
            "when": _when(a.created_at),
        }


def _followed(user: User) -> Iterator[dict]:
    rows = DiscussionFollow.objects.filter(user=user).select_related(
        "position__topic__consultation"
    )
    for f in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "position": f.position_id,
            "url": f.position.get_absolute_url(),
            "since": _when(f.created_at),
        }


def _exports(user: User) -> Iterator[dict]:
    for e in DataExport.objects.filter(user=user).order_by("pk"):
        yield {
            "requested": _when(e.created_at),
            "status": e.status,
            "finished": _when(e.finished_at),
            "available_until": _when(e.expires_at),
        }


# (key, rows, whether the key holds one object rather than a list)
SECTIONS: list[tuple[str, Callable[[User], Iterator[dict]], bool]] = [
    ("account", _account, True),
    ("positions", _positions, False),
    ("replies", _replies, False),
    ("votes", _votes, False),
    ("reply_feedback", _reply_feedback, False),
    ("reports", _reports, False),
    ("appeals", _appeals, False),
    ("sanctions", _sanctions, False),
    ("notices", _notices, False),
    ("moderation_decisions", _moderation_decisions, False),
    ("followed_discussions", _followed, False),
    ("data_exports", _exports, False),
]


def write_personal_data(
    user: User, out: IO[str], *, progress: Callable[[int], None] | None = None
) -> None:
    """The document, written to `out` section by section; `progress(percent)` after each."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    out.write("{\n")
    out.write(f'"schema_version": {SCHEMA_VERSION},\n')
    out.write(f'"generated_at": {dump(timezone.now().isoformat())},\n')
    out.write(f'"about": {dump(ABOUT)}')
    for done, (key, rows, single) in enumerate(SECTIONS, start=1):
        out.write(f",\n{dump(key)}: ")
        if single:
            out.write(dump(next(rows(user))))
        else:
            out.write("[")
            for index, row in enumerate(rows(user)):
                out.write(("\n" if index == 0 else ",\n") + dump(row))
            out.write("\n]")
        if progress is not None:
            # 99 at most until the file is stored: 100 means it can be downloaded.
            progress(min(99, done * 100 // len(SECTIONS)))
    out.write("\n}\n")


def data_export_build(*, export_id: int) -> DataExport | None:
    """The task's work: write the account's file into the storage, telling the progress as it
    goes, then mark it ready for DATA_EXPORT_DAYS. A failure marks it failed (the person may
    ask again) and is raised for the worker's log."""
    data_exports_expire()
    export = DataExport.objects.filter(pk=export_id).select_related("user").first()
    if export is None or not export.is_unfinished:
        return export
    DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.RUNNING, progress=0)

    def progress(percent: int) -> None:
        DataExport.objects.filter(pk=export.pk).update(progress=percent)

    try:
        with tempfile.TemporaryFile(mode="w+b") as built:
            text = io.TextIOWrapper(built, encoding="utf-8", newline="")
            # Not in one transaction: the progress page must see each step as it is written.
            write_personal_data(export.user, text, progress=progress)
            text.flush()
            built.seek(0)
            name = f"{FOLDER}/{export.token}.json"
            saved = default_storage.save(name, File(built, name=name))
            text.detach()
    except Exception:
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.FAILED, finished_at=timezone.now()
        )
        raise
    now = timezone.now()
    export.status = DataExport.Status.READY
    export.progress = 100
    export.file_name = saved
    export.finished_at = now
    export.expires_at = now + timezone.timedelta(days=DATA_EXPORT_DAYS)
    export.save(update_fields=["status", "progress", "file_name", "finished_at", "expires_at"])
    return export


def data_exports_expire() -> int:
    """Delete the files, and the rows, of downloads past their date. Returns how many."""
    expired = list(
        DataExport.objects.filter(expires_at__lte=timezone.now()).values_list("pk", "file_name")
    )
    for _pk, name in expired:
        if name:
            default_storage.delete(name)
    DataExport.objects.filter(pk__in=[pk for pk, _name in expired]).delete()
    return len(expired)
