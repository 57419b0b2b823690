"""Input that Agora refuses before any view reads it, and integers typed only with 0-9.

PostgreSQL cannot store or compare text with a NUL character: a query that carries one fails
inside the database driver, which was a 500 wherever a parameter reaches a query (the review
queue's filters, the summary editor's search, the admin's list filters). No person types a
NUL, so the whole request is refused with a 400 that says why.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def ascii_int(value: str | None, *, default: int | None = None, max_digits: int = 18) -> int | None:
    """`value` read as a non-negative integer when it is 1 to `max_digits` ASCII digits;
    `default` for anything else (empty, signs, spaces, other scripts' digits).

    `str.isdigit()` is not enough: it is True for "²", which `int()` refuses, and `int()`
    silently reads Arabic-Indic "١٢" as 12. Eighteen digits always fit a 64-bit column.
    """
    if not isinstance(value, str) or not 0 < len(value) <= max_digits:
        return default
    if not (value.isascii() and value.isdigit()):
        return default
    return int(value)


def request_has_nul(request: HttpRequest) -> bool:
    """Whether the path, or any query or form key or value, holds a NUL character."""
    if NUL in request.path_info:
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return False


def _nul_refused() -> str:
    return _(
        "The request contained a NUL character (U+0000), which Agora does not "
        "accept in addresses or forms. Remove it and try again."
    )


class RefuseNulMiddleware:
    """Answers 400, with a translated page, to a request that carries a NUL character.

    It sits after LocaleMiddleware (the page is in the reader's language), after the session,
    CSRF and authentication middleware (the page shows who is signed in, and its forms carry
    a token that matches the cookie CsrfViewMiddleware sets on the way out; the CSRF check
    itself runs later, in process_view, so nothing is checked or written before the refusal),
    and after the middleware that add X-Frame-Options and the Content-Security-Policy, so
    that the refusal carries the same headers as every other page. No middleware before it
    reads the query or the form. The read API (/api/) is answered in JSON, as it answers
    every other refusal.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_has_nul(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": _nul_refused()}, status=400)
            return render(
                request,
                "400.html",
                {"reason": _nul_refused()},
                status=400,
            )
        return self.get_response(request)
