"""Thin views: parse the request, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forum import selectors, services
from forum.charts import stance_bar
from forum.forms import PositionForm
from forum.models import Position, Topic
from forum.permissions import (
    can_post_position,
    can_revise_position,
    check_can_post_position,
    check_can_revise_position,
)

POSITIONS_PER_PAGE = 20

# Read-only pages skip ATOMIC_REQUESTS: a transaction would only add BEGIN and COMMIT.


@transaction.non_atomic_requests
def home(request: HttpRequest) -> HttpResponse:
    consultations = selectors.consultations_public()
    return render(request, "forum/home.html", {"consultations": consultations})


@transaction.non_atomic_requests
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_for_page(slug=slug, user=request.user)
    if consultation is None:
        raise Http404(_("No such consultation."))
    return render(request, "forum/consultation_detail.html", {"consultation": consultation})


def _topic_or_404(request: HttpRequest, consultation_slug: str, topic_slug: str) -> Topic:
    topic = selectors.topic_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, user=request.user
    )
    if topic is None:
        raise Http404(_("No such topic."))
    return topic


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    try:
        return int(raw)
    except ValueError:
        raise Http404(_("No such page.")) from None


@transaction.non_atomic_requests
def topic_detail(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    topic = _topic_or_404(request, consultation_slug, topic_slug)
    stances = list(topic.stances.all())
    stance = None
    stance_key = request.GET.get("stance", "")
    if stance_key:
        stance = next((s for s in stances if s.key == stance_key), None)
        if stance is None:
            raise Http404(_("This topic has no such stance."))
    paginator = Paginator(selectors.topic_positions(topic=topic, stance=stance), POSITIONS_PER_PAGE)
    try:
        page = paginator.page(_page_number(request))
    except InvalidPage:
        raise Http404(_("No such page.")) from None
    segments, total = stance_bar(stances)
    colour_of_stance = {s.pk: segment.colour for s, segment in zip(stances, segments, strict=True)}
    for position in page.object_list:
        position.stance_colour = colour_of_stance[position.stance_id]
    own_position = selectors.position_of_author(topic=topic, user=request.user)
    return render(
        request,
        "forum/topic_detail.html",
        {
            "consultation": topic.consultation,
            "topic": topic,
            "stances": stances,
            "selected_stance": stance,
            "page": page,
            "segments": segments,
            "position_total": total,
            "own_position": own_position,
            "can_post": own_position is None and can_post_position(request.user, topic),
        },
    )


@transaction.non_atomic_requests
def position_detail(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> HttpResponse:
    position = selectors.position_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, pk=pk, user=request.user
    )
    if position is None:
        raise Http404(_("No such position."))
    return render(
        request,
        "forum/position_detail.html",
        {
            "consultation": position.topic.consultation,
            "topic": position.topic,
            "position": position,
            "revisions": position.revisions.all(),
            "can_revise": can_revise_position(request.user, position),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    # Drafts answer 403 here (not 404): the refusal names no content, and says why.
    topic = selectors.topic_by_slugs(consultation_slug=consultation_slug, topic_slug=topic_slug)
    if topic is None:
        raise Http404(_("No such topic."))
    existing = selectors.position_of_author(topic=topic, user=request.user)
    if existing is not None:
        messages.info(request, _("You already hold a position on this topic. Revise it here."))
        return redirect("forum:position_revise", consultation_slug, topic_slug, existing.pk)
    check_can_post_position(request.user, topic)
    form = PositionForm(request.POST or None, topic=topic)
    if request.method == "POST" and form.is_valid():
        try:
            position = services.position_create(
                author=request.user, topic=topic, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your position is published."))
            return redirect(position)
    return render(
        request,
        "forum/position_form.html",
        {"consultation": topic.consultation, "topic": topic, "form": form, "position": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_revise(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> HttpResponse:
    position: Position | None = selectors.position_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, pk=pk, user=request.user
    )
    if position is None:
        raise Http404(_("No such position."))
    check_can_revise_position(request.user, position)
    topic = position.topic
    initial = {"stance": position.stance, "claim": position.claim, "body": position.body}
    form = PositionForm(request.POST or None, topic=topic, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_revise(editor=request.user, position=position, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your position is revised; the earlier text is kept."))
            return redirect(position)
    return render(
        request,
        "forum/position_form.html",
        {"consultation": topic.consultation, "topic": topic, "form": form, "position": position},
    )
