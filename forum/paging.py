"""Page numbers from the query string: ASCII digits only, or a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from forum.inputs import ascii_int


def page_number(request: HttpRequest, name: str = "page") -> int:
    """`?page=` as a number; anything else ("²", "١٢", "-1", "1e3", 30 digits) is a 404."""
    value = ascii_int(request.GET.get(name, "1"))
    if value is None:
        raise Http404(_("No such page."))
    return value
