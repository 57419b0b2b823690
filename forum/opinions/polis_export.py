"""Reading a Pol.is conversation export (the folder with votes.csv, comments.csv and, for
comparison, participants-votes.csv), with errors that name the file and the line."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

VOTES_FILE = "votes.csv"
COMMENTS_FILE = "comments.csv"
PARTICIPANTS_FILE = "participants-votes.csv"

ExportId: TypeAlias = int | str


class ExportError(Exception):
    """A missing or malformed export file; the message is one line naming file and line."""


@dataclass(frozen=True)
class PolisExport:
    """Votes in time order (participant, comment, value) and what the comments say."""

    votes: list[tuple[ExportId, ExportId, int]]
    comment_text: dict[ExportId, str] = field(default_factory=dict)
    # Rejected by a moderator (moderated = -1) or marked meta: left out of the maths in Pol.is.
    zeroed_comments: frozenset[ExportId] = frozenset()


def _parse_id(text: str) -> ExportId:
    # Pol.is ids are integers; keeping them as ints sorts them numerically. Anything else is
    # kept verbatim so that the output names participants exactly as the export does.
    stripped = text.strip()
    try:
        number = int(stripped)
    except ValueError:
        return stripped
    return number if str(number) == stripped else stripped


def _rows(
    folder: Path, name: str, required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of `name`, after checking the header."""
    path = folder / name
    try:
        handle = path.open(newline="", encoding="utf-8")
    except FileNotFoundError:
        raise ExportError(f"{name}: no such file in {folder}") from None
    except OSError as error:
        raise ExportError(f"{name}: cannot read ({error.strerror})") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise ExportError(f"{name} line 1: empty file, expected a header")
            header = [column.strip() for column in header]
            missing = [column for column in required if column not in header]
            if missing:
                raise ExportError(f"{name} line 1: missing column {missing[0]!r}")
            for row in reader:
                # line_num is the record's last physical line (comment bodies may span lines).
                line = reader.line_num
                if not row:
                    continue
                if len(row) != len(header):
                    raise ExportError(
                        f"{name} line {line}: expected {len(header)} fields, got {len(row)}"
                    )
                yield line, dict(zip(header, row, strict=True))
        except csv.Error as error:
            raise ExportError(f"{name} line {reader.line_num}: {error}") from None
        except UnicodeDecodeError:
            raise ExportError(f"{name} line {reader.line_num + 1}: not UTF-8 text") from None


def _integer(text: str, *, name: str, line: int, column: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ExportError(
            f"{name} line {line}: {column} must be an integer, got {text!r}"
        ) from None


def _nonempty_id(text: str, *, name: str, line: int, column: str) -> ExportId:
    if not text.strip():
        raise ExportError(f"{name} line {line}: {column} is empty")
    return _parse_id(text)


def read_votes(folder: Path) -> list[tuple[ExportId, ExportId, int]]:
    """Votes sorted by timestamp (stable: ties keep file order), so later ones win."""
    timed = []
    required = ("timestamp", "comment-id", "voter-id", "vote")
    for line, row in _rows(folder, VOTES_FILE, required):
        timestamp = _integer(row["timestamp"], name=VOTES_FILE, line=line, column="timestamp")
        vote_text = row["vote"].strip()
        if vote_text not in ("-1", "0", "1"):
            raise ExportError(
                f"{VOTES_FILE} line {line}: vote must be -1, 0 or 1, got {vote_text!r}"
            )
        voter = _nonempty_id(row["voter-id"], name=VOTES_FILE, line=line, column="voter-id")
        comment = _nonempty_id(row["comment-id"], name=VOTES_FILE, line=line, column="comment-id")
        timed.append((timestamp, voter, comment, int(vote_text)))
    timed.sort(key=lambda vote: vote[0])
    return [(voter, comment, value) for _, voter, comment, value in timed]


def read_comments(folder: Path) -> tuple[dict[ExportId, str], frozenset[ExportId]]:
    """Comment texts, and the comments Pol.is leaves out of the maths (rejected or meta)."""
    texts: dict[ExportId, str] = {}
    zeroed: set[ExportId] = set()
    for line, row in _rows(folder, COMMENTS_FILE, ("comment-id", "moderated", "comment-body")):
        comment = _nonempty_id(
            row["comment-id"], name=COMMENTS_FILE, line=line, column="comment-id"
        )
        moderated = row["moderated"].strip()
        if moderated not in ("-1", "0", "1"):
            raise ExportError(
                f"{COMMENTS_FILE} line {line}: moderated must be -1, 0 or 1, got {moderated!r}"
            )
        texts[comment] = row["comment-body"]
        if moderated == "-1" or row.get("is-meta", "").strip().lower() == "true":
            zeroed.add(comment)
    return texts, frozenset(zeroed)


def read_export(folder: Path) -> PolisExport:
    if not folder.is_dir():
        raise ExportError(f"{folder}: not a directory")
    votes = read_votes(folder)
    texts, zeroed = read_comments(folder)
    return PolisExport(votes=votes, comment_text=texts, zeroed_comments=zeroed)


def read_polis_groups(folder: Path) -> dict[ExportId, int]:
    """Pol.is's own group per participant (participants-votes.csv), for those it grouped."""
    groups: dict[ExportId, int] = {}
    for line, row in _rows(folder, PARTICIPANTS_FILE, ("participant", "group-id")):
        participant = _nonempty_id(
            row["participant"], name=PARTICIPANTS_FILE, line=line, column="participant"
        )
        if row["group-id"].strip():
            groups[participant] = _integer(
                row["group-id"], name=PARTICIPANTS_FILE, line=line, column="group-id"
            )
    return groups
