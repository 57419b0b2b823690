"""The site's URLs plus a minimal view that sets the ceiling."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

MINIMAL = "/__bench/minimal/"


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path(MINIMAL.lstrip("/"), minimal), path("", include("forum.urls"))]
