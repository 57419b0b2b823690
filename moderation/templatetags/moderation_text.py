"""Template filters of the moderation pages."""

from __future__ import annotations

from django import template

from moderation.excerpts import shorten as shorten_text

register = template.Library()


@register.filter
def shorten(text: str, limit: int = 140) -> str:
    """`{{ text|shorten:140 }}`: on a word boundary, with an ellipsis (moderation.excerpts)."""
    return shorten_text(text, int(limit))
