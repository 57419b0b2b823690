"""How a pseudonym is stored, and the key that decides whether two pseudonyms are the same.

A pseudonym is stored in NFKC, so that compatibility characters (fullwidth letters, the Kelvin
sign, ligatures) become the letters they stand for. Two pseudonyms are the same person's name
when their keys are equal: NFKC, then Unicode full case folding ("ẞ", "ß" and "ss" agree), then
NFKC again, because folding can undo a normalisation (Python's standard library has no
NFKC_Casefold; this is the usual approximation of it). The database keeps the key UNIQUE.
"""

from __future__ import annotations

import unicodedata

# A 40-character pseudonym gives a key of at most 80 characters today (folding doubles "ß" at
# most once NFKC has run); the column leaves room for what later Unicode versions may fold.
PSEUDONYM_KEY_MAX_LENGTH = 255


def pseudonym_normalised(name: str) -> str:
    """The form a pseudonym is stored and shown in."""
    return unicodedata.normalize("NFKC", name)


def pseudonym_key(name: str) -> str:
    """What uniqueness is decided on: equal for names that differ only by case or form."""
    return unicodedata.normalize("NFKC", pseudonym_normalised(name).casefold())
