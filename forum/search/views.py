"""The search page: `/search/?q=…&consultation=…&topic=…&stance=…&kind=…&page=…`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forum.inputs import ascii_int
from forum.search import selectors
from forum.search.models import Kind


def _field(request: HttpRequest, name: str) -> str:
    # A query string may repeat a name; the last one counts, and no value runs long.
    return request.GET.get(name, "")[: selectors.QUERY_MAX_LENGTH * 5]


@transaction.non_atomic_requests
def search(request: HttpRequest) -> HttpResponse:
    """Whatever the query string holds, a page that says what it searched (never a 404)."""
    query = selectors.parse_query(_field(request, "q"))
    filters = selectors.search_filters(
        consultation=_field(request, "consultation"),
        topic=_field(request, "topic"),
        stance=_field(request, "stance"),
        kind=_field(request, "kind"),
    )
    page_text = _field(request, "page") or "1"
    page = ascii_int(page_text)
    page_not_understood = page is None or page < 1
    results = selectors.search(
        user=request.user, query=query, filters=filters, page=1 if page_not_understood else page
    )
    kept = {
        "q": query.text,
        "consultation": filters.consultation.slug if filters.consultation else "",
        "topic": filters.topic.pk if filters.topic else "",
        "stance": filters.stance.pk if filters.stance else "",
        "kind": filters.kind,
    }
    base_query = urlencode({name: value for name, value in kept.items() if value})
    return render(
        request,
        "forum/search/results.html",
        {
            "query": query,
            "filters": filters,
            "found": results,
            "kinds": Kind.choices,
            "page_not_understood": page_not_understood,
            "base_query": base_query,
        },
    )
