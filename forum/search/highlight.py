"""Snippets with the matched words marked: escaped first, marked after, so safe to show.

The text is cut around the first match, escaped, and only then are matches wrapped in
`<mark>`: the markup is ours, every character of the author's text went through `escape`.
The pattern skips the entities escaping wrote (`&amp;`, `&#x27;`), so a query for "amp"
cannot split one.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum.search.analysis import squeeze

SNIPPET_LENGTH = 240
LEAD = 60
# A crude English stem, for marking only (the databases stem for matching): "encryption"
# marks "encrypted" and "encrypting" as well.
_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ed", "es", "s", "ly")
_ENTITY = r"&#?\w+;"


def _stem(term: str) -> str:
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def _pattern(terms: list[str]) -> re.Pattern | None:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        if term.isascii():
            parts.append(rf"\b{re.escape(_stem(term))}\w*")
        else:
            parts.append(re.escape(term))
    if not parts:
        return None
    return re.compile(rf"({_ENTITY})|({'|'.join(parts)})", re.IGNORECASE)


def _mark(escaped: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return escaped

    def wrap(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        return f"<mark>{match.group(2)}</mark>"

    return pattern.sub(wrap, escaped)


def marked(text: str, terms: list[str]) -> SafeString:
    """All of `text`, escaped, its matches marked (titles)."""
    return mark_safe(_mark(escape(squeeze(text)), _pattern(terms)))  # noqa: S308 -- escaped above


def snippet(text: str, terms: list[str]) -> SafeString:
    """Some 240 characters of `text` around its first match, escaped, matches marked."""
    text = squeeze(text)
    pattern = _pattern(terms)
    start = 0
    if pattern is not None:
        found = next((m for m in pattern.finditer(text) if m.group(2)), None)
        if found is not None and found.start() > LEAD:
            start = text.rfind(" ", 0, found.start() - LEAD) + 1
    window = text[start : start + SNIPPET_LENGTH]
    html = _mark(escape(window), pattern)
    if start > 0:
        html = "…" + html
    if start + SNIPPET_LENGTH < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 -- escaped above, marks added after
