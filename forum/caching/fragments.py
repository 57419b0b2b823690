"""Rendered fragments (a position's card, a thread of replies) cached by what they show.

A signed-in page can't be cached whole (it carries the reader's votes, rights and CSRF token),
but most of it is the same HTML as the last time: twenty cards, twenty threads. Each fragment
is stored under a hash of everything it shows: the content, its counts, the reader's own vote
or like and the actions the reader may take, the language, and the templates' source. So a
fragment is never invalidated: when anything it shows changes, its key does, and the old entry
simply ages out. The two per-request parts are rendered as sentinels and swapped in after:
the CSRF token (its hidden input, whose exact markup no escaped user text can produce) and the
address a vote form returns to.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

Item = TypeVar("Item")

FRAGMENT_SECONDS = 60 * 60
CSRF_SENTINEL = "agora-csrf-sentinel"
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
RETURN_SENTINEL = "/__agora_return_path__"


@functools.cache
def _templates_version() -> str:
    """A hash of every template's source and every compiled translation: a deployment that
    changes one renders afresh."""
    digest = hashlib.blake2b(digest_size=8)
    files = [
        *(
            path
            for folder in settings.TEMPLATES[0]["DIRS"]
            for path in Path(folder).rglob("*.html")
        ),
        *(path for folder in settings.LOCALE_PATHS for path in Path(folder).rglob("*.mo")),
    ]
    for path in sorted(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fragments_render(
    request: HttpRequest,
    template_name: str,
    items: Sequence[Item],
    *,
    shows: Callable[[Item], Iterable[object]],
    context: Callable[[Item], dict],
    return_path: bool = False,
) -> list[SafeString]:
    """Each item's fragment, from the cache where it is there, rendered and stored where not.

    `shows(item)` lists every value the fragment shows or depends on; `context(item)` is what
    the template needs. Both are the caller's promise that nothing else changes the HTML.
    `return_path` asks for the address a form returns to to be put in: only for a template
    whose user text is all escaped by Django (a quote becomes `&quot;`), so that no text can
    spell the sentinel's `value="…` (sanitised Markdown, as in replies, keeps its quotes).
    """
    prefix = f"agora:fragment:{_templates_version()}:{template_name}:{get_language()}:"
    keys = [
        prefix + hashlib.blake2b(repr(tuple(shows(item))).encode(), digest_size=20).hexdigest()
        for item in items
    ]
    found = cache.get_many(keys)
    missing: dict[str, str] = {}
    template = get_template(template_name)
    rendered: list[str] = []
    for key, item in zip(keys, items, strict=True):
        html = found.get(key)
        if html is None:
            html = template.render(
                {**context(item), "csrf_token": CSRF_SENTINEL, "return_path": RETURN_SENTINEL}
            )
            missing[key] = html
        rendered.append(html)
    if missing:
        cache.set_many(missing, FRAGMENT_SECONDS)
    sentinel_input = _CSRF_INPUT.format(CSRF_SENTINEL)
    # The token only where a form needs it: asking for one sets the CSRF cookie.
    csrf_input = (
        _CSRF_INPUT.format(get_token(request))
        if any(sentinel_input in html for html in rendered)
        else ""
    )
    rendered = [html.replace(sentinel_input, csrf_input) for html in rendered]
    if return_path:
        path = escape(request.get_full_path())
        rendered = [
            html.replace(f'value="{RETURN_SENTINEL}', f'value="{path}') for html in rendered
        ]
    # Rendered and escaped by the template engine; only the two sentinels were replaced.
    return [mark_safe(html) for html in rendered]  # noqa: S308
