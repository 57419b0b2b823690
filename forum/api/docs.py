"""The API's documentation page (Swagger UI from drf-spectacular-sidecar's static files, no
CDN) and the JSON answer for any other address under /api/."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI whose start script is a separate file (`?script`), so that the strict
    Content-Security-Policy needs no exception; the library's inline <style> is replaced by
    forum/static/forum/css/api.css (templates/forum/api/docs.html)."""

    template_name = "forum/api/docs.html"


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return JsonResponse({"detail": _("No such address in the API. See /api/v1/docs/.")}, status=404)
