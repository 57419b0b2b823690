"""Shortening a contribution to one line for the queue, on a word boundary.

Korean, like English, puts spaces between words, so the same rule serves both: cut at the last
space that keeps the line within the limit, and add an ellipsis. Only a text with no space to
cut at (one very long word, a URL) is cut inside it, and never between a letter and the marks
that combine with it, nor inside an emoji sequence or a surrogate pair.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"

# Characters that bind to the one before them: a cut just before one would orphan it.
_JOINERS = {"\u200d", "\u034f"}  # zero-width joiner, combining grapheme joiner


def _binds_to_previous(char: str) -> bool:
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or "\ufe00" <= char <= "\ufe0f"  # variation selectors
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin-tone modifiers
        or "\udc00" <= char <= "\udfff"  # low surrogate (a string with lone surrogates)
        or char in _JOINERS
        or "\u1160" <= char <= "\u11ff"  # conjoining Hangul vowels and final consonants
    )


def shorten(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters plus an ellipsis when it was longer."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit + 1)
    if space > 0:
        return text[:space].rstrip() + ELLIPSIS
    cut = limit
    while cut > 0 and (_binds_to_previous(text[cut]) or text[cut - 1] in _JOINERS):
        cut -= 1
    return text[:cut] + ELLIPSIS
