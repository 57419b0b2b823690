"""Korean-aware analysis: the words a text is found by, for documents and queries alike.

PostgreSQL's dictionaries do not split Korean: "암호화는", "암호화를" and "암호화가" are three
unrelated words to them. kiwipiepy's morphological analyser (its model comes with the
`kiwipiepy-model` package, read from site-packages, never downloaded) splits each word into
morphemes; what we keep are the content morphemes:

- nouns (NNG, NNP) and roots (XR); a noun with its derivational suffix (XSN) is
  kept whole as well ("암호" + "화" gives "암호" and "암호화"), so "암호화" finds "암호화는";
- verb and adjective stems (VV, VA, and their irregular forms "VV-I"…), as the analyser gives
  them ("달렸다" and "달리다" both give "달리");
- compounds: each pair of adjacent nouns, written together or apart ("수사기관" and
  "수사 기관" both give "수사", "기관" and "수사기관"), and a whole run of three or four, so
  the two spellings meet;
- Latin words and numbers (runs of ASCII letters and digits, read by a regular expression, not
  by the analyser) lower-cased and otherwise as written. PostgreSQL stems them with its `english`
  configuration when it builds the tsvector; SQLite's FTS5 table stems them with its `porter`
  tokenizer. Stemming stays in the database, so documents and queries are stemmed alike.

Queries go through the same analysis (`query_groups`), so what a document was indexed by is
what a query asks for.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass

# The analyser never sees more than this at once: its time and memory grow with the input, and
# a position's body may be 20,000 characters. Chunks are cut at a line break or a space.
CHUNK_LENGTH = 1_000
TERM_MAX_LENGTH = 40
_RUN_COMPOUND_MAX = 4

_NOUNS = frozenset({"NNG", "NNP", "XR"})
_STEMS = ("VV", "VA")
_NOUN_SUFFIX = "XSN"
_TERM = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_ASCII = re.compile(r"[0-9A-Za-z]+")

_kiwi = None
_kiwi_lock = threading.Lock()


def _analyser():
    """One analyser per process, made on first use (loading its model takes a second or
    two). Analysis itself needs no lock: kiwipiepy releases the GIL and shares nothing
    mutable between calls."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def analyser_load() -> None:
    """Load the analyser now: an app server's worker calls this before its first request
    (gunicorn.conf.py), so that no citizen's first reply waits seconds for the model."""
    _analyser()


def clean(text: str) -> str:
    """NFKC (full-width Latin becomes ASCII), control and format characters (NUL among
    them) become spaces."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co") else char for char in text
    )


def _chunks(text: str):
    start = 0
    while start < len(text):
        end = min(start + CHUNK_LENGTH, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end


@dataclass(frozen=True)
class Group:
    """What one query word asks for: all of `parts`, or the compound they make."""

    parts: tuple[str, ...]
    compound: str = ""

    @property
    def terms(self) -> tuple[str, ...]:
        return (*self.parts, self.compound) if self.compound else self.parts


def _term(form: str) -> str:
    form = form.lower()
    if len(form) > TERM_MAX_LENGTH or not _TERM.fullmatch(form):
        return ""
    return form


def _close(run: list[str], run_start: int, found: list[tuple[int, Group]]) -> None:
    if run:
        found.append((run_start, Group(tuple(run), "".join(run) if len(run) > 1 else "")))
        run.clear()


def _analyse(text: str, *, bases: bool) -> list[Group]:
    """The content of `text` as groups, in order: a run of nouns is one group (its atoms and
    the compound they make), any other content morpheme a group of its own. With `bases`, the
    base of a derived noun is a group too ("암호" beside "암호화": documents are found by
    both; a query for "암호화" asks for that word only)."""
    groups: list[Group] = []
    for chunk in _chunks(clean(text)):
        if chunk.strip():
            groups.extend(_analyse_chunk(chunk, bases=bases))
    return groups


def _analyse_chunk(chunk: str, *, bases: bool) -> list[Group]:
    # Latin words and numbers are read here, not from the analyser, which cuts some English
    # words apart ("encrypted." came back as "encr" and "ypted."); its SL and SN tokens only
    # end a run of nouns.
    found = [(match.start(), Group((match.group().lower(),))) for match in _ASCII.finditer(chunk)]
    found = [(start, group) for start, group in found if len(group.parts[0]) <= TERM_MAX_LENGTH]
    run: list[str] = []
    run_start = run_end = -1
    for token in _analyser().tokenize(chunk):
        tag = token.tag
        start, end = token.start, token.start + token.len
        if tag == _NOUN_SUFFIX and run and run_end == start:
            # "암호" + "화": the derived noun replaces its base in the run.
            derived = _term(run[-1] + token.form)
            if derived:
                if bases:
                    found.append((run_end - 1, Group((run[-1],))))
                run[-1] = derived
                run_end = end
            continue
        if tag in _NOUNS:
            term = _term(token.form)
            if term and not term.isascii():
                # Nouns written together or apart by a space only are one run.
                if not (run and chunk[run_end:start].strip() == ""):
                    _close(run, run_start, found)
                    run_start = start
                run.append(term)
                run_end = end
                continue
        _close(run, run_start, found)
        if tag.startswith(_STEMS):
            term = _term(token.form)
            if term and not term.isascii():
                found.append((start, Group((term,))))
    _close(run, run_start, found)
    found.sort(key=lambda pair: pair[0])
    return [group for _start, group in found]


def _document_terms(group: Group) -> list[str]:
    parts = list(group.parts)
    if len(parts) < 2:
        return parts
    pairs = [a + b for a, b in itertools.pairwise(parts)]
    whole = [group.compound] if 2 < len(parts) <= _RUN_COMPOUND_MAX else []
    return [*parts, *pairs, *whole]


def terms(text: str) -> list[str]:
    """The words a document is indexed by, in order (repeats kept: they weigh in ranking)."""
    found: list[str] = []
    for group in _analyse(text, bases=True):
        found.extend(term for term in _document_terms(group) if len(term) <= TERM_MAX_LENGTH)
    return found


def query_groups(text: str) -> list[Group]:
    """What a query asks for: every group must match (distinct groups, in order)."""
    seen: set[Group] = set()
    groups: list[Group] = []
    for group in _analyse(text, bases=False):
        if len(group.compound) > TERM_MAX_LENGTH:
            group = Group(group.parts)
        if group not in seen:
            seen.add(group)
            groups.append(group)
    return groups


def document(text: str) -> str:
    return " ".join(terms(text))


def squeeze(text: str) -> str:
    """Whitespace runs as one space, ends trimmed (what is shown of a query)."""
    return _SPACE.sub(" ", clean(text)).strip()
