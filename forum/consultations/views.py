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

from forum.caching.pages import cached_for_readers, shared_result, site_generation
from forum.consultations import selectors
from forum.models import (
    Consultation,
    Topic,
)
from forum.summaries import permissions as summaries_permissions


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
    topic = selectors.topic_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, user=request.user
    )
    if topic is None:
        raise Http404(_("No such topic."))
    return topic


def consultation_or_404(request: HttpRequest, slug: str) -> Consultation:
    consultation = selectors.consultation_for_page(slug=slug, user=request.user)
    if consultation is None:
        raise Http404(_("No such consultation."))
    return consultation
