"""What a summary covers: one topic, or a whole consultation."""

from __future__ import annotations

from forum.models import (
    Consultation,
    Topic,
)

Scope = Topic | Consultation


def topics_of(scope: Scope) -> list[Topic]:
    """The topics a summary covers: its topic, or every topic of its consultation."""
    if isinstance(scope, Topic):
        return [scope]
    return list(scope.topics.order_by("order", "pk"))


def consultation_of(scope: Scope) -> Consultation:
    return scope.consultation if isinstance(scope, Topic) else scope


def summary_key(scope: Scope) -> dict:
    return {"topic": scope} if isinstance(scope, Topic) else {"consultation": scope}


def scope_title(scope: Scope) -> str:
    return scope.question if isinstance(scope, Topic) else scope.title
