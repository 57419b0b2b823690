"""Parsing what a request carries, strictly."""

from __future__ import annotations


def ascii_int(value: str | None, *, default: int | None = None, max_digits: int = 18) -> int | None:
    """The number written in ASCII digits, or `default`.

    `str.isdigit()` accepts "²" (which `int()` refuses) and `int()` silently reads
    Arabic-Indic and other Unicode digits; ids and page numbers come only in ASCII.
    """
    if value is None or not value or len(value) > max_digits:
        return default
    if not value.isascii() or not value.isdigit():
        return default
    return int(value)
