"""Open-data downloads: a topic's files and the consultation ZIP."""

from __future__ import annotations

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _

from forum.consultations.views import consultation_or_404, topic_or_404
from forum.opendata import exports as opendata_exports
from forum.opendata.tasks import export_consultation

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@transaction.non_atomic_requests
def topic_export(
    request: HttpRequest, consultation_slug: str, topic_slug: str, kind: str, fmt: str
) -> HttpResponse:
    topic = topic_or_404(request, consultation_slug, topic_slug)
    if kind not in opendata_exports.KINDS or fmt not in opendata_exports.FORMATS:
        raise Http404(_("No such download."))
    response = StreamingHttpResponse(
        opendata_exports.stream(kind, fmt, topic), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{topic.slug}-{kind}.{fmt}"'
    return response


@transaction.non_atomic_requests
def consultation_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The consultation ZIP: built by a background task, served once it is stored."""
    consultation = consultation_or_404(request, slug)
    name = opendata_exports.fresh_export(consultation)
    if name is None:
        # One build at a time per consultation and state of its moderation log.
        latest = opendata_exports.latest_moderation_id(consultation)
        if cache.add(f"agora:export:{consultation.pk}:{latest}", True, timeout=300):
            export_consultation.enqueue(consultation.pk)
        name = opendata_exports.fresh_export(consultation)  # at once when tasks run inline
    if name is None:
        return render(
            request, "forum/export_pending.html", {"consultation": consultation}, status=202
        )
    return FileResponse(
        default_storage.open(name),
        as_attachment=True,
        filename=f"{consultation.slug}.zip",
        content_type="application/zip",
    )
