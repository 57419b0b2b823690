"""Whole pages cached for readers who are not signed in, keyed by the page generations.

A news report or a petition link brings thousands of anonymous readers to the same few pages.
For them the page is the same for everyone who reads in the same language, so it is rendered
once per change and served from the shared cache (Redis when CACHE_URL names it) by every app
server. What it may not do is outlive a change: the key carries the counters of
`forum.caching.models.PageGeneration`, read in one query per request, and the write services
raise them in the same transaction as the change, so a position that a moderator hides is gone
from the very next anonymous response on every server. Vote and like tallies raise nothing
(they change by the second under load); a page keeps them at most `AGORA_PAGE_CACHE_SECONDS`.

Not cached: anyone with a session cookie (a signed-in reader, or one whose session holds
something), a response waiting to show a message, anything but a plain 200 without cookies.
A cache outage makes every request a miss (forum/resilient_cache.py), never an error.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse

from forum.caching.models import PageGeneration
from forum.caching.services import SITE, consultation_generation_name

# Shown to tests, the load script and anyone curious; it says nothing about the reader.
CACHE_HEADER = "X-Agora-Page-Cache"


def cached_for_readers(view):
    """Serve the view's page from the cache to readers without a session; for a view whose
    address names its consultation as `consultation_slug` or `slug`, or none (the home page,
    which any change makes new)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request, kwargs.get("consultation_slug") or kwargs.get("slug"))
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            response[CACHE_HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            cache.set(
                key, (response.content, response["Content-Type"]), settings.AGORA_PAGE_CACHE_SECONDS
            )
            response[CACHE_HEADER] = "miss"
        return response

    return wrapped


def site_generation(request: HttpRequest) -> int:
    """The sum of every counter: it grows with any change anywhere. Read once per request."""
    total = getattr(request, "_agora_site_generation", None)
    if total is None:
        total = PageGeneration.objects.aggregate(total=Sum("generation"))["total"] or 0
        request._agora_site_generation = total
    return total


def consultation_generation(request: HttpRequest, consultation_slug: str) -> str:
    """The site's and this consultation's counters, as one string; read once per request."""
    memo = request.__dict__.setdefault("_agora_generations", {})
    if consultation_slug not in memo:
        names = (SITE, consultation_generation_name(consultation_slug))
        found = dict(
            PageGeneration.objects.filter(name__in=names).values_list("name", "generation")
        )
        memo[consultation_slug] = f"{found.get(names[0], 0)}.{found.get(names[1], 0)}"
    return memo[consultation_slug]


def shared_result(key: str, compute):
    """What `compute()` returns, the same for every reader, kept as long as a reader's page:
    for the parts of a signed-in page that cost most and show nobody's own data. The caller
    puts the generations the result depends on into `key`."""
    if settings.AGORA_PAGE_CACHE_SECONDS <= 0:
        return compute()
    # Hashed: the key may carry what a client typed into the address.
    key = f"agora:shared:{hashlib.blake2b(key.encode(), digest_size=20).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.AGORA_PAGE_CACHE_SECONDS)
    return found


def _cacheable(request: HttpRequest) -> bool:
    # The cookies, not request.user: reading the user would load a session for nothing.
    return (
        settings.AGORA_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    # The middleware sets its cookies after this: a page that asked for a CSRF token or
    # wrote to a session would carry that reader's cookie, so it is never shared.
    session = getattr(request, "session", None)
    return (
        not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request: HttpRequest, consultation_slug: str | None) -> str:
    if consultation_slug is None:
        generations = f"all{site_generation(request)}"
    else:
        generations = consultation_generation(request, consultation_slug)
    # The address whole (the query string chooses the page and the order), hashed to a
    # fixed length whatever a client sends.
    # With the host and scheme: a page that names its own address must not be served under
    # another of the allowed hosts.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    path = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"agora:page:{generations}:{request.LANGUAGE_CODE}:{request.method}:{path}"
