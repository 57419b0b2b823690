"""Home and consultation pages, and the look-ups other features' views share."""

from __future__ import annotations

from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _

from forum.caching.pages import (
    cached_for_readers,
    consultation_generation,
    shared_result,
    site_generation,
)
from forum.consultations import selectors
from forum.models import (
    Consultation,
    Topic,
)
from forum.summaries import permissions as summaries_permissions
from forum.visibility import can_view_consultation


@transaction.non_atomic_requests
@cached_for_readers
def home(request: HttpRequest) -> HttpResponse:
    # The counts cost the page most and are everyone's: signed-in readers share them too.
    consultations = shared_result(
        f"home-consultations:{site_generation(request)}",
        lambda: list(selectors.consultations_public()),
    )
    return render(request, "forum/home.html", {"consultations": consultations})


@transaction.non_atomic_requests
@cached_for_readers
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_for_page(slug=slug, user=request.user)
    if consultation is None:
        raise Http404(_("No such consultation."))
    return render(
        request,
        "forum/consultation_detail.html",
        {
            "consultation": consultation,
            "can_write_summary": summaries_permissions.summary_refusal(request.user, consultation)
            is None,
        },
    )


def topic_or_404(request: HttpRequest, consultation_slug: str, topic_slug: str) -> Topic:
    # The topic with its stances' counts is the same for every reader until its consultation
    # changes: read once per change, then checked against this reader's rights.
    topic = shared_result(
        f"topic:{consultation_generation(request, consultation_slug)}:"
        f"{consultation_slug}:{topic_slug}",
        lambda: selectors.topic_by_slugs(
            consultation_slug=consultation_slug, topic_slug=topic_slug
        ),
    )
    if topic is None or not can_view_consultation(request.user, topic.consultation):
        raise Http404(_("No such topic."))
    return topic


def consultation_or_404(request: HttpRequest, slug: str) -> Consultation:
    consultation = selectors.consultation_for_page(slug=slug, user=request.user)
    if consultation is None:
        raise Http404(_("No such consultation."))
    return consultation
