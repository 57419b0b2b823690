"""Turns a refused burst of contributions into a 429 page that says when to try again."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from moderation.services import RateLimited


class RateLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        # The request's transaction has been rolled back already: nothing was created.
        wait = max(1, int((exception.retry_at - timezone.now()).total_seconds()) + 1)
        response = render(
            request,
            "429.html",
            {"retry_at": timezone.localtime(exception.retry_shown), "wait": wait},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
