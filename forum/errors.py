"""The server-error handler: an unreachable database is a 503 to retry, not a 500.

During a PostgreSQL restart or failover every request that needs it fails with an
OperationalError (or an InterfaceError on a connection that died under it). That is not a
bug to investigate but a moment to wait: the answer says so, with `Retry-After`, which
clients, proxies and Agora's own load test honour. Both pages are plain files that need
neither the database nor a session, since neither may be there.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls the handler inside its `except`, so the exception is still current.
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
