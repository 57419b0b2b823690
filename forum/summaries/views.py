"""The summary page, the moderators' editor, and unsubscribing from summary mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from forum.caching.pages import cached_for_readers
from forum.charts import group_letter, opinion_map_context, stance_bar
from forum.consultations.views import consultation_or_404, topic_or_404
from forum.models import (
    Consultation,
    Topic,
)
from forum.summaries import coverage as summaries_coverage
from forum.summaries import permissions as summaries_permissions
from forum.summaries import selectors, services, tasks
from forum.summaries.forms import PublishForm, SummaryForm
from forum.visibility import shown_position
from forum.votes import selectors as votes_selectors


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, errors in error.error_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _summary_context(scope: Topic | Consultation) -> dict:
    if isinstance(scope, Topic):
        return {"consultation": scope.consultation, "topic": scope, "scope_title": scope.question}
    return {"consultation": scope, "topic": None, "scope_title": scope.title}


def _editor_url(request: HttpRequest, **query: str) -> str:
    return f"{request.path}?{urlencode(query)}" if query else request.path


def _summary_edit(request: HttpRequest, scope: Topic | Consultation) -> HttpResponse:
    """The moderators' editor: draft, cite (with a picker), check coverage, preview, publish.

    Every button of the form saves the text first: searching for a position to cite (without
    JavaScript a search is a page load, which must not lose what was typed) and previewing
    (the preview is the saved draft, rendered as it will be published)."""
    summaries_permissions.check_can_write_summary(request.user, scope)
    query = request.GET.get("q", "")[:200]
    if request.GET.get("picker"):
        # summary-edit.js asks for the results alone and puts them in place.
        return render(
            request,
            "forum/includes/citation_results.html",
            {"candidates": _candidates(request, scope, query), "query": query},
        )
    draft = selectors.summary_draft(scope=scope)
    published = selectors.summary_versions(scope=scope)
    if draft:
        initial_body = draft.body
    elif published:
        initial_body = published[0].body
    else:
        initial_body = summaries_coverage.summary_template(scope=scope)
    form = SummaryForm(
        request.POST or None,
        initial={"body": initial_body, "change_note": draft.change_note if draft else ""},
    )
    publish_form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            draft = services.summary_draft_save(
                editor=request.user,
                scope=scope,
                body=form.cleaned_data["body"],
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if action == "search":
                messages.success(request, _("The draft is saved."))
                q = request.POST.get("q", "")[:200]
                return redirect(_editor_url(request, q=q) + "#picker")
            if action == "preview":
                return redirect(_editor_url(request, preview="1") + "#preview")
            if action != "publish":
                messages.success(request, _("The draft is saved."))
                return redirect(request.path)
            try:
                if not publish_form.is_valid():
                    raise ValidationError(_("Check the publishing options below."))
                version = services.summary_publish(
                    publisher=request.user,
                    scope=scope,
                    version_number=draft.number,
                    publish_anyway=publish_form.cleaned_data["publish_anyway"],
                    reason=publish_form.cleaned_data["reason"],
                    then=tasks.summary_participants_notify.enqueue,
                )
            except ValidationError as error:
                # The draft is kept (its own transaction committed); say why it is not out.
                _add_errors(form, error)
                messages.error(
                    request,
                    _("The draft is saved, but it is not published: %(why)s")
                    % {"why": " ".join(error.messages)},
                )
                # Read back with its citations prefetched: the preview lists them.
                draft = selectors.summary_draft(scope=scope)
            else:
                messages.success(request, _("The summary is published."))
                return redirect(version.summary.get_absolute_url())
    body = form.data.get("body", initial_body) if form.is_bound else initial_body
    previewing = bool(draft) and (
        request.GET.get("preview") == "1" or request.POST.get("action") == "publish"
    )
    return render(
        request,
        "forum/summary_edit.html",
        {
            **_summary_context(scope),
            "form": form,
            "publish_form": publish_form,
            "draft": draft,
            "published": published,
            "coverage": summaries_coverage.coverage_check(scope=scope, body=body),
            "query": query,
            "candidates": _candidates(request, scope, query),
            "preview": previewing,
            "references": _references(request, draft) if previewing else [],
        },
        status=400 if form.errors else 200,
    )


def _candidates(request: HttpRequest, scope: Topic | Consultation, query: str):
    # Only positions the editor may cite (forum.visibility, in the selector).
    return selectors.positions_for_citing(scope=scope, editor=request.user, query=query)


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    return _summary_edit(request, topic_or_404(request, consultation_slug, topic_slug))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_summary_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _summary_edit(request, consultation_or_404(request, slug))


def _references(request: HttpRequest, version) -> list[dict]:
    """The numbered references, rendered now from the citation rows through the visibility
    rule: a position hidden since publication shows its placeholder, never its claim."""
    references = []
    for citation in version.citations.all():
        shown = shown_position(request.user, citation.position)
        url = shown.get_absolute_url()
        references.append(
            {
                "number": citation.number,
                "position": shown,
                "url": request.build_absolute_uri(url) if url != "#" else "",
            }
        )
    return references


def _summary_detail(request: HttpRequest, scope: Topic | Consultation) -> HttpResponse:
    versions = selectors.summary_versions(scope=scope)
    if not versions:
        raise Http404(_("This topic has no published summary yet."))
    wanted = request.GET.get("version")
    version = versions[0]
    if wanted:
        version = next((v for v in versions if str(v.number) == wanted), None)
        if version is None:
            raise Http404(_("No such version."))
    context = {
        **_summary_context(scope),
        "version": version,
        "versions": versions,
        "current": version == versions[0],
        "references": _references(request, version),
        "can_write": summaries_permissions.can_publish_summary(request.user),
        "edit_url": reverse("forum:summary_edit", args=[scope.consultation.slug, scope.slug])
        if isinstance(scope, Topic)
        else reverse("forum:consultation_summary_edit", args=[scope.slug]),
    }
    stances = list(scope.stances.all()) if isinstance(scope, Topic) else None
    context["stats"] = summaries_coverage.stats_for_reader(
        version.stats, scope=scope, stances=stances
    )
    if isinstance(scope, Topic):
        segments, total = stance_bar(stances)
        snapshot = votes_selectors.opinion_snapshot(topic=scope)
        context.update(segments=segments, position_total=total, snapshot=snapshot)
        # The figures' groups, frozen with the version, by letter ("group A, 12 participants").
        frozen = version.stats.get("groups", [])
        context["group_sizes"] = [(group_letter(g["label"]), g["size"]) for g in frozen]
        if snapshot is not None and snapshot.status == "ok":
            context.update(opinion_map_context(snapshot.data, {}))
    return render(request, "forum/summary_detail.html", context)


@transaction.non_atomic_requests
@cached_for_readers
def summary_detail(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    return _summary_detail(request, topic_or_404(request, consultation_slug, topic_slug))


@transaction.non_atomic_requests
@cached_for_readers
def consultation_summary(request: HttpRequest, slug: str) -> HttpResponse:
    return _summary_detail(request, consultation_or_404(request, slug))


# The link in a summary e-mail is the whole credential (a signed token). Opening it shows a
# button, because mail scanners open links; the POST unsubscribes, and mail clients that
# offer one-click unsubscribe POST to it without a CSRF token (RFC 8058).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def summaries_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        user = services.summaries_unsubscribe_target(token=token)
        return render(
            request,
            "forum/summaries_unsubscribed.html",
            {"confirm": user is not None, "done": False, "broken": user is None},
            status=200 if user else 400,
        )
    user = services.summaries_unsubscribe(token=token)
    return render(
        request,
        "forum/summaries_unsubscribed.html",
        {"confirm": False, "done": user is not None, "broken": user is None},
        status=200 if user else 400,
    )
