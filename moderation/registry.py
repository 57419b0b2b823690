"""The small interface through which moderation knows content, without importing it.

A moderated model (the forum registers Position and Reply in its AppConfig.ready) has:

- `moderation_status` and `moderation_reason` fields, which only `apply_moderation` sets;
- `apply_moderation(*, status, reason) -> list[str]`: set the fields that make the status
  true for that model and return them for `save(update_fields=…)`;
- `moderation_author` (the account that wrote it), `moderation_scope` (the consultation's
  slug), `moderation_excerpt()` (plain text for the queue and notices),
  `get_absolute_url()`, and a class method `moderation_queryset()` that loads what those
  need in one query.

The forum also registers, with each model, its visibility rule (`readable_by(user, content)`):
moderation quotes and accepts reports only on content the person may read, without knowing
the rule itself; and how to show it whole (`shown(content) -> Shown`: its one-line title and
the HTML it stored, already sanitised, for the item page). Once, it registers how to name
scopes (`scope_titles(slugs) -> {slug: title}`), so moderators read consultations by title,
and what follows a change of status (`content_changed(content)`: readers' cached pages go).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

_registry: dict[str, type[models.Model]] = {}
_readable_by: dict[str, Callable[[object, models.Model], bool]] = {}


@dataclass(frozen=True)
class Shown:
    """Content as a moderator reads it whole: a plain-text title ("" when it has none), its
    plain text (for the queue's shortened line) and the sanitised HTML its app stored."""

    title: str
    text: str
    html: str


_shown: dict[str, Callable[[models.Model], Shown]] = {}
_scope_titles: list[Callable[[Iterable[str]], dict[str, str]]] = []
_content_changed: list[Callable[[models.Model], None]] = []


def register(
    model: type[models.Model],
    *,
    readable_by: Callable[[object, models.Model], bool],
    shown: Callable[[models.Model], Shown] | None = None,
) -> None:
    _registry[model._meta.label_lower] = model
    _readable_by[model._meta.label_lower] = readable_by
    if shown is not None:
        _shown[model._meta.label_lower] = shown


def register_content_changed(callback: Callable[[models.Model], None]) -> None:
    """What to do, in the moderation's transaction, once content's status changed: the forum
    raises the page generation of its consultation, so that readers' cached pages go."""
    _content_changed[:] = [callback]


def content_changed(content: models.Model) -> None:
    for callback in _content_changed:
        callback(content)


def register_scope_titles(titles: Callable[[Iterable[str]], dict[str, str]]) -> None:
    _scope_titles[:] = [titles]


def shown(content: models.Model) -> Shown:
    """The content whole, as its app shows it; its excerpt when the app registered nothing."""
    show = _shown.get(content._meta.label_lower)
    if show is not None:
        return show(content)
    excerpt = content.moderation_excerpt()
    return Shown(title="", text=excerpt, html="")


def scope_titles(slugs: Iterable[str]) -> dict[str, str]:
    """Each scope's title, in one query whatever their number; a scope nobody can name (its
    consultation deleted since) keeps its slug, so the page still says something."""
    slugs = [slug for slug in set(slugs) if slug]
    titles = _scope_titles[0](slugs) if _scope_titles and slugs else {}
    return {slug: titles.get(slug) or slug for slug in slugs}


def can_read(user, content: models.Model) -> bool:
    """May this person read this content (the registering app's visibility rule)?"""
    rule = _readable_by.get(content._meta.label_lower)
    return bool(rule and rule(user, content))


def check_can_read(user, content: models.Model) -> None:
    """Content this person may not read does not exist for them: 404."""
    if not can_read(user, content):
        raise Http404(_("No such contribution."))


def model_for(label: str) -> type[models.Model] | None:
    """The registered model for "app_label.model", or None: only these can be reported."""
    return _registry.get(label)


def registered_models() -> list[type[models.Model]]:
    return list(_registry.values())


def is_registered(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _registry


def content_type_for(instance: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(instance, for_concrete_model=True)
