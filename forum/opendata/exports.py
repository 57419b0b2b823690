"""Open data: a topic's positions, votes and summary as CSV and JSON, and a consultation ZIP.

Only what the public pages show: published positions (held, hidden and removed ones are left
out), votes on them with each participant's id replaced by a keyed hash, and the current
published summary. Rows are streamed from the database, never held all at once.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import hmac
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from forum.models import (
    Consultation,
    Position,
    SummaryVersion,
    Topic,
    Vote,
)
from forum.votes.selectors import with_votes
from moderation.models import ModerationAction

KINDS = ("positions", "votes", "summary")


FORMATS = ("csv", "json")


CHUNK = 2000


FIELDS = {
    "positions": [
        "id",
        "pseudonym",
        "stance",
        "claim",
        "body",
        "posted",
        "revised",
        "agree",
        "disagree",
        "pass",
    ],
    "votes": ["participant", "position", "vote"],
    "summary": ["version", "published", "change_note", "body", "references"],
}


def participant_id(topic: Topic, user_id: int) -> str:
    """A stable pseudonym for a voter within one topic: the same person has unrelated ids in
    two topics, and nobody without the server's key can link an id to an account."""
    key = hashlib.sha256(f"{settings.SECRET_KEY}:agora-export".encode()).digest()
    digest = hmac.new(key, f"{topic.pk}:{user_id}".encode(), hashlib.sha256).hexdigest()
    return digest[:16]


def _positions(topic: Topic) -> Iterator[dict]:
    rows = with_votes(
        Position.objects.filter(topic=topic)
        .public()
        .select_related("author", "stance")
        .order_by("pk"),
        None,
    )
    for p in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": p.pk,
            "pseudonym": p.author.display_name,
            "stance": p.stance.key,
            "claim": p.claim,
            "body": p.body,
            "posted": p.created_at.isoformat(),
            "revised": p.revised_at.isoformat() if p.revised_at else "",
            "agree": p.agree_count,
            "disagree": p.disagree_count,
            "pass": p.pass_count,
        }


def _votes(topic: Topic) -> Iterator[dict]:
    rows = (
        Vote.objects.filter(position__in=Position.objects.filter(topic=topic).public())
        .order_by("position_id", "voter_id")
        .values_list("voter_id", "position_id", "value")
    )
    for voter_id, position_id, value in rows.iterator(chunk_size=CHUNK):
        yield {
            "participant": participant_id(topic, voter_id),
            "position": position_id,
            "vote": value,
        }


def _summary(topic: Topic) -> Iterator[dict]:
    version = (
        SummaryVersion.objects.filter(summary__topic=topic, status=SummaryVersion.Status.PUBLISHED)
        .prefetch_related("citations")
        .order_by("-number")
        .first()
    )
    if version is not None:
        yield {
            "version": version.number,
            "published": version.published_at.isoformat(),
            "change_note": version.change_note,
            "body": version.body,
            "references": " ".join(
                f"[{c.number}]=P{c.position_id}" for c in version.citations.all()
            ),
        }


ROWS: dict[str, Callable[[Topic], Iterator[dict]]] = {
    "positions": _positions,
    "votes": _votes,
    "summary": _summary,
}


# OWASP's advice against CSV injection: a cell a spreadsheet would read as a formula starts
# with one of these; a leading apostrophe makes it text. Numbers (votes of -1) stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream(kind: str, fmt: str, topic: Topic) -> Iterator[str]:
    """The file as chunks of text, for a streaming response."""
    rows = ROWS[kind](topic)
    if fmt == "csv":
        writer = csv.DictWriter(_Echo(), fieldnames=FIELDS[kind])
        # A byte-order mark, so that spreadsheet programs read the Korean text as UTF-8.
        yield "\ufeff" + writer.writeheader()
        for row in rows:
            yield writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        return
    yield "[\n"
    first = True
    for row in rows:
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"


def write(kind: str, fmt: str, topic: Topic, out: IO[str]) -> int:
    count = 0
    for chunk in stream(kind, fmt, topic):
        out.write(chunk)
        count += 1
    return count


def write_consultation_zip(
    consultation: Consultation,
    target: IO[bytes],
    *,
    progress: Callable[[str], None] | None = None,
    topics: Iterable[Topic] | None = None,
) -> None:
    """Every topic's files in one ZIP, written entry by entry straight into `target`."""
    topics = list(topics if topics is not None else consultation.topics.order_by("order", "pk"))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for topic in topics:
            for kind in KINDS:
                for fmt in FORMATS:
                    name = f"{consultation.slug}/{topic.slug}/{kind}.{fmt}"
                    with archive.open(name, "w") as entry:
                        text = io.TextIOWrapper(entry, encoding="utf-8", newline="")
                        write(kind, fmt, topic, text)
                        text.flush()
                        text.detach()
                    if progress:
                        progress(name)


EXPORT_MAX_AGE = timezone.timedelta(hours=1)


def _export_folder(consultation: Consultation) -> str:
    return f"exports/{consultation.slug}"


def _started_at(name: str) -> datetime.datetime | None:
    """When the build of a stored ZIP began, from its name (`…/<microseconds>.zip`)."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".zip")
    if not stem.isascii() or not stem.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(stem) / 1_000_000, tz=datetime.UTC)


def _stored(consultation: Consultation) -> list[str]:
    folder = _export_folder(consultation)
    if not default_storage.exists(folder):
        return []
    _dirs, files = default_storage.listdir(folder)
    return sorted(f"{folder}/{name}" for name in files if _started_at(name) is not None)


def store_consultation_zip(consultation: Consultation) -> str:
    """The background task's work: build the ZIP in a temporary file, then put it in the
    default storage, where every app server finds it. Its name is the time the build began,
    so that a moderation decision taken while it was being written makes it stale."""
    import tempfile

    started = timezone.now()
    name = f"{_export_folder(consultation)}/{int(started.timestamp() * 1_000_000)}.zip"
    with tempfile.TemporaryFile() as built:
        write_consultation_zip(consultation, built)
        built.seek(0)
        saved = default_storage.save(name, File(built, name=name))
    for older in _stored(consultation):
        if older != saved:
            default_storage.delete(older)
    return saved


def fresh_export(consultation: Consultation) -> str | None:
    """The newest stored ZIP's name when it may still be served, else None.

    It may not once it is an hour old, or once a moderation decision touched the
    consultation after its build began (held, hidden, removed, restored: the log's `scope`
    is the consultation), so that hidden content is never downloaded from it.
    """
    stored = _stored(consultation)
    if not stored:
        return None
    name = stored[-1]
    started = _started_at(name)
    if timezone.now() - started > EXPORT_MAX_AGE:
        return None
    touched = ModerationAction.objects.filter(
        scope=consultation.slug, item__isnull=False, created_at__gte=started
    ).exists()
    return None if touched else name


def latest_moderation_id(consultation: Consultation) -> int:
    """The newest moderation decision on the consultation's content (0 when none)."""
    latest = (
        ModerationAction.objects.filter(scope=consultation.slug, item__isnull=False)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return latest or 0
