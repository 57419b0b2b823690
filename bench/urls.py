"""The site's URLs plus a minimal view that sets the ceiling."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

MINIMAL = "/__bench/minimal/"


# Outside the request transaction (ATOMIC_REQUESTS), so that it opens no database connection:
# the ceiling is gunicorn, Python, Django and the middleware, not PostgreSQL.
@transaction.non_atomic_requests
def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path(MINIMAL.lstrip("/"), minimal), path("", include("forum.urls"))]
