"""What moderation is told about forum content it cannot import: how to show a position or
reply whole, and the consultations' titles behind the scopes it stores (moderation/registry.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from forum.models import Consultation, Position, Reply
from moderation.registry import Shown


def position_shown(position: Position) -> Shown:
    return Shown(title=position.claim, text=position.claim, html=position.body_html)


def reply_shown(reply: Reply) -> Shown:
    return Shown(title="", text=reply.comment, html=reply.comment_html)


def consultation_titles(slugs: Iterable[str]) -> dict[str, str]:
    """Titles in the reader's language (modeltranslation), one query for any number."""
    return {c.slug: c.title for c in Consultation.objects.filter(slug__in=list(slugs))}
