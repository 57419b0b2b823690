"""Voting, voting on more positions, and the opinion map page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.caching.pages import cached_for_readers
from forum.charts import group_of_letter, opinion_map_context
from forum.consultations.views import topic_or_404
from forum.positions.views import position_or_404
from forum.votes import selectors, services, tasks
from forum.votes.permissions import vote_refusal


@login_required
@require_POST
def vote(request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int) -> HttpResponse:
    """Agree, disagree or pass: a form post without JavaScript, a JSON answer with it."""
    position = position_or_404(request, consultation_slug, topic_slug, pk)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        services.vote_cast(
            voter=request.user,
            position=position,
            value=request.POST.get("value"),
            then=tasks.opinions_request,
        )
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=403)
        raise
    else:
        if wants_json:
            counts = selectors.vote_counts(position=position, user=request.user)
            return JsonResponse(counts)
        messages.success(request, _("Your vote is counted."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = position.get_absolute_url()
    if "#" not in next_url:
        # Back to the card voted on, not the top of a long page.
        next_url += f"#position-{position.pk}"
    # An address, never a URL name: redirect() would try to reverse a bare word ("²").
    return HttpResponseRedirect(next_url)


@login_required
@transaction.non_atomic_requests
def vote_on_more(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    """The next position this citizen has not voted on, the least voted first."""
    topic = topic_or_404(request, consultation_slug, topic_slug)
    upcoming = selectors.positions_to_vote_on(topic=topic, user=request.user)
    position = upcoming[0] if upcoming else None
    refusal = vote_refusal(request.user, position) if position else None
    return render(
        request,
        "forum/vote_on_more.html",
        {
            "consultation": topic.consultation,
            "topic": topic,
            "position": position,
            "remaining": selectors.remaining_votes(topic=topic, user=request.user),
            "vote_refusal": refusal,
        },
    )


@transaction.non_atomic_requests
@cached_for_readers
def opinion_map(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    """The map, its groups in words, and with `?group=B` what sets group B apart."""
    topic = topic_or_404(request, consultation_slug, topic_slug)
    snapshot = selectors.opinion_snapshot(topic=topic)
    wanted = request.GET.get("group", "")
    selected = group_of_letter(wanted) if wanted else None
    context = {"consultation": topic.consultation, "topic": topic, "snapshot": snapshot}
    if snapshot is not None and snapshot.status == "ok":
        data = snapshot.data
        ids = [rep["position"] for g in data["groups"] for rep in g["representative"]]
        ids += [c["position"] for c in data["consensus"]]
        context.update(
            opinion_map_context(
                data,
                selectors.positions_by_id(topic=topic, ids=ids),
                viewer_id=request.user.pk if request.user.is_authenticated else None,
                selected=selected,
                stance_colours=selectors.stance_colours(topic=topic),
                you_text=_("You are here"),
            )
        )
        context["unknown_group"] = bool(wanted) and context["selected_group"] is None
    return render(request, "forum/opinion_map.html", context)
