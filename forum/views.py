"""Thin views: parse the request, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_comments_xtd.conf import settings as xtd_settings

from forum import exports, selectors, services
from forum.charts import opinion_map_context, stance_bar
from forum.forms import PositionForm, PublishForm, ReplyForm, SummaryForm
from forum.models import Consultation, Position, Reply, Topic
from forum.permissions import (
    can_follow_discussion,
    can_give_feedback,
    can_post_position,
    can_revise_position,
    can_vote,
    check_can_post_position,
    check_can_reply,
    check_can_revise_position,
    reply_refusal,
    vote_refusal,
)
from forum.services import summaries
from forum.tasks import export_consultation
from moderation.models import ModerationStatus
from moderation.permissions import can_moderate, can_report
from moderation.screening import messages_for

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
    return render(
        request,
        "forum/consultation_detail.html",
        {
            "consultation": consultation,
            "can_write_summary": summaries.summary_refusal(request.user, consultation) is None,
        },
    )


def _topic_or_404(request: HttpRequest, consultation_slug: str, topic_slug: str) -> Topic:
    topic = selectors.topic_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, user=request.user
    )
    if topic is None:
        raise Http404(_("No such topic."))
    return topic


def _page_number(request: HttpRequest, name: str = "page") -> int:
    raw = request.GET.get(name, "1")
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
    order = request.GET.get("order", "newest")
    if order not in selectors.ORDERS:
        raise Http404(_("No such order."))
    paginator = Paginator(
        selectors.topic_positions(topic=topic, stance=stance, viewer=request.user, order=order),
        POSITIONS_PER_PAGE,
    )
    try:
        page = paginator.page(_page_number(request))
    except InvalidPage:
        raise Http404(_("No such page.")) from None
    segments, total = stance_bar(stances)
    colour_of_stance = {s.pk: segment.colour for s, segment in zip(stances, segments, strict=True)}
    for position in page.object_list:
        position.stance_colour = colour_of_stance[position.stance_id]
        position.can_vote = can_vote(request.user, position)
    own_position = selectors.position_of_author(topic=topic, user=request.user)
    return render(
        request,
        "forum/topic_detail.html",
        {
            "consultation": topic.consultation,
            "topic": topic,
            "stances": stances,
            "selected_stance": stance,
            "order": order,
            "page": page,
            "segments": segments,
            "position_total": total,
            "own_position": own_position,
            "can_post": own_position is None and can_post_position(request.user, topic),
            "can_write_summary": summaries.summary_refusal(request.user, topic) is None,
        },
    )


def _position_or_404(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> Position:
    position = selectors.position_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, pk=pk, user=request.user
    )
    if position is None:
        raise Http404(_("No such position."))
    return position


@transaction.non_atomic_requests
def position_detail(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> HttpResponse:
    position = _position_or_404(request, consultation_slug, topic_slug, pk)
    is_author = request.user.is_authenticated and position.author_id == request.user.pk
    moderator = can_moderate(request.user)
    if position.moderation_status == ModerationStatus.HELD and not (is_author or moderator):
        raise Http404(_("No such position."))
    try:
        discussion = selectors.position_discussion(
            position=position,
            user=request.user,
            page_number=_page_number(request, "replies"),
            with_held=moderator,
        )
    except InvalidPage:
        raise Http404(_("No such page.")) from None
    refusal = reply_refusal(request.user, position)
    if refusal is None and not position.is_published:
        refusal = _("This position is not visible now, so it takes no replies.")
    _mark_reply_actions(request, discussion, may_reply=refusal is None, moderator=moderator)
    return render(
        request,
        "forum/position_detail.html",
        {
            "consultation": position.topic.consultation,
            "topic": position.topic,
            "position": position,
            "revisions": position.revisions.all(),
            "can_revise": can_revise_position(request.user, position),
            "discussion": discussion,
            "reply_form": ReplyForm(position) if refusal is None else None,
            "reply_refusal": refusal,
            "following": position.is_followed,
            "can_follow": can_follow_discussion(request.user),
            "is_author": is_author,
            "can_moderate": moderator,
            "show_content": position.is_published or is_author or moderator,
            "can_vote": can_vote(request.user, position),
            "can_report": position.is_published
            and can_report(request.user, author_id=position.author_id),
            "hold_messages": messages_for(position.moderation_item_holds)
            if position.moderation_status == ModerationStatus.HELD
            else [],
        },
    )


def _mark_reply_actions(
    request: HttpRequest, discussion: selectors.Discussion, *, may_reply: bool, moderator: bool
) -> None:
    """Give the template one boolean per action and reply, so that it restates no rule."""
    user = request.user
    for thread in discussion.threads:
        for node in thread.walk():
            reply = node.reply
            visible = reply.is_public and not reply.is_removed
            node.can_answer = (
                may_reply and visible and reply.level < xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL
            )
            node.can_report = visible and can_report(user, author_id=reply.user_id)
            node.can_feedback = visible and can_give_feedback(user, reply)
            node.can_moderate = moderator
            # Authors and moderators still read what moderation hid; others see why only.
            node.show_content = (
                visible or moderator or (user.is_authenticated and reply.user_id == user.pk)
            )


def _reply_or_404(request: HttpRequest, position: Position, reply_id: int) -> Reply:
    reply = selectors.reply_in_discussion(position=position, reply_id=reply_id)
    if reply is None or not (reply.is_public and not reply.is_removed):
        raise Http404(_("No such reply."))
    return reply


@transaction.non_atomic_requests
def reply_posted(request: HttpRequest) -> HttpResponse:
    """Where the comment library sends a poster when no safe `next` came with the form."""
    raw = request.GET.get("c", "")
    if not raw.isdigit() or len(raw) > 18:
        return redirect("forum:home")
    return reply_redirect(request, int(raw))


@transaction.non_atomic_requests
def reply_redirect(request: HttpRequest, pk: int) -> HttpResponse:
    """A reply's own address: its place in its position's discussion."""
    position = selectors.position_of_reply(reply_id=pk, user=request.user)
    if position is None:
        raise Http404(_("No such reply."))
    return redirect(f"{position.get_absolute_url()}#reply-{pk}")


def _back_to_reply(position: Position, reply: Reply) -> HttpResponseRedirect:
    return redirect(f"{position.get_absolute_url()}#reply-{reply.pk}")


@login_required
@require_http_methods(["GET"])
def reply_answer(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int, reply_id: int
) -> HttpResponse:
    """The form to answer one reply (without JavaScript, each answer has its own page)."""
    position = _position_or_404(request, consultation_slug, topic_slug, pk)
    parent = _reply_or_404(request, position, reply_id)
    check_can_reply(request.user, position)
    if parent.is_removed or not parent.is_public:
        raise Http404(_("That reply was removed, so it cannot be answered."))
    if parent.level >= xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise Http404(_("This thread is as deep as it goes; answer higher up."))
    return render(
        request,
        "forum/reply_answer.html",
        {
            "consultation": position.topic.consultation,
            "topic": position.topic,
            "position": position,
            "parent": parent,
            "reply_form": ReplyForm(position, comment=parent),
        },
    )


@login_required
@require_POST
def reply_feedback(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int, reply_id: int
) -> HttpResponse:
    position = _position_or_404(request, consultation_slug, topic_slug, pk)
    reply = _reply_or_404(request, position, reply_id)
    try:
        services.reply_feedback(user=request.user, reply=reply, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to_reply(position, reply)


@login_required
@require_POST
def discussion_follow(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> HttpResponse:
    position = _position_or_404(request, consultation_slug, topic_slug, pk)
    if request.POST.get("action") == "unfollow":
        services.discussion_unfollow(user=request.user, position=position)
        messages.success(request, _("You no longer follow this discussion."))
    else:
        services.discussion_follow(user=request.user, position=position)
        messages.success(request, _("You follow this discussion: new replies come by e-mail."))
    return redirect(f"{position.get_absolute_url()}#discussion")


# The link in a notification is the whole credential (a signed token). Opening it shows a
# button, because mail scanners open links; the POST mutes, and mail clients that offer
# one-click unsubscribe POST to it without a CSRF token (RFC 8058).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def discussion_mute(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        position = services.discussion_mute_target(token=token)
        return render(
            request,
            "forum/discussion_muted.html",
            {"position": position, "confirm": True},
            status=200 if position is not None else 400,
        )
    position = services.discussion_mute(token=token)
    if position is None:
        return render(request, "forum/discussion_muted.html", {"position": None}, status=400)
    return render(request, "forum/discussion_muted.html", {"position": position})


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
    position = _position_or_404(request, consultation_slug, topic_slug, pk)
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


# Votes and the opinion map --------------------------------------------------------------


@login_required
@require_POST
def vote(request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int) -> HttpResponse:
    """Agree, disagree or pass: a form post without JavaScript, a JSON answer with it."""
    position = _position_or_404(request, consultation_slug, topic_slug, pk)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        services.vote_cast(voter=request.user, position=position, value=request.POST.get("value"))
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
    return redirect(next_url)


@login_required
@transaction.non_atomic_requests
def vote_on_more(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    """The next position this citizen has not voted on, the least voted first."""
    topic = _topic_or_404(request, consultation_slug, topic_slug)
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
def opinion_map(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    topic = _topic_or_404(request, consultation_slug, topic_slug)
    snapshot = selectors.opinion_snapshot(topic=topic)
    context = {"consultation": topic.consultation, "topic": topic, "snapshot": snapshot}
    if snapshot is not None and snapshot.status == "ok":
        data = snapshot.data
        ids = [rep["position"] for g in data["groups"] for rep in g["representative"]]
        ids += [c["position"] for c in data["consensus"]]
        positions = selectors.positions_by_id(topic=topic, ids=ids)
        context.update(opinion_map_context(data, positions))
    return render(request, "forum/opinion_map.html", context)


# Summaries ------------------------------------------------------------------------------


def _summary_context(scope: Topic | Consultation) -> dict:
    if isinstance(scope, Topic):
        return {"consultation": scope.consultation, "topic": scope, "scope_title": scope.question}
    return {"consultation": scope, "topic": None, "scope_title": scope.title}


def _summary_edit(request: HttpRequest, scope: Topic | Consultation) -> HttpResponse:
    """The moderators' editor: draft, cite (with a picker), check coverage, publish."""
    summaries.check_can_write_summary(request.user, scope)
    draft = selectors.summary_draft(scope=scope)
    published = selectors.summary_versions(scope=scope)
    if draft:
        initial_body = draft.body
    elif published:
        initial_body = published[0].body
    else:
        initial_body = summaries.summary_template(scope=scope)
    form = SummaryForm(request.POST or None, initial={"body": initial_body})
    publish_form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = summaries.summary_draft_save(
                editor=request.user,
                scope=scope,
                body=form.cleaned_data["body"],
                change_note=form.cleaned_data["change_note"],
            )
            if request.POST.get("action") == "publish" and publish_form.is_valid():
                version = summaries.summary_publish(
                    publisher=request.user,
                    scope=scope,
                    version_number=draft.number,
                    publish_anyway=publish_form.cleaned_data["publish_anyway"],
                    reason=publish_form.cleaned_data["reason"],
                )
                messages.success(request, _("The summary is published."))
                return redirect(version.summary.get_absolute_url())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, errors in error.error_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(request.path)
    body = form.data.get("body", initial_body) if form.is_bound else initial_body
    query = request.GET.get("q", "")
    return render(
        request,
        "forum/summary_edit.html",
        {
            **_summary_context(scope),
            "form": form,
            "publish_form": publish_form,
            "draft": draft,
            "published": published,
            "coverage": summaries.coverage_check(scope=scope, body=body),
            "query": query,
            "candidates": selectors.positions_for_citing(scope=scope, query=query),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    return _summary_edit(request, _topic_or_404(request, consultation_slug, topic_slug))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_summary_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _summary_edit(request, _consultation_or_404(request, slug))


def _consultation_or_404(request: HttpRequest, slug: str) -> Consultation:
    consultation = selectors.consultation_for_page(slug=slug, user=request.user)
    if consultation is None:
        raise Http404(_("No such consultation."))
    return consultation


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
        "stats": version.stats,
        "references": [
            (c, request.build_absolute_uri(c.position.get_absolute_url()))
            for c in version.citations.all()
        ],
        "can_write": summaries.can_publish_summary(request.user),
        "edit_url": reverse("forum:summary_edit", args=[scope.consultation.slug, scope.slug])
        if isinstance(scope, Topic)
        else reverse("forum:consultation_summary_edit", args=[scope.slug]),
    }
    if isinstance(scope, Topic):
        segments, total = stance_bar(list(scope.stances.all()))
        snapshot = selectors.opinion_snapshot(topic=scope)
        context.update(segments=segments, position_total=total, snapshot=snapshot)
        if snapshot is not None and snapshot.status == "ok":
            context.update(opinion_map_context(snapshot.data, {}))
    return render(request, "forum/summary_detail.html", context)


@transaction.non_atomic_requests
def summary_detail(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    return _summary_detail(request, _topic_or_404(request, consultation_slug, topic_slug))


@transaction.non_atomic_requests
def consultation_summary(request: HttpRequest, slug: str) -> HttpResponse:
    return _summary_detail(request, _consultation_or_404(request, slug))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def summaries_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user = summaries.summaries_unsubscribe(token=token)
    return render(
        request,
        "forum/summaries_unsubscribed.html",
        {"done": user is not None},
        status=200 if user else 400,
    )


# Open data and feeds --------------------------------------------------------------------

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@transaction.non_atomic_requests
def topic_export(
    request: HttpRequest, consultation_slug: str, topic_slug: str, kind: str, fmt: str
) -> HttpResponse:
    topic = _topic_or_404(request, consultation_slug, topic_slug)
    if kind not in exports.KINDS or fmt not in exports.FORMATS:
        raise Http404(_("No such download."))
    response = StreamingHttpResponse(
        exports.stream(kind, fmt, topic), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{topic.slug}-{kind}.{fmt}"'
    return response


@transaction.non_atomic_requests
def consultation_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The consultation ZIP: built by a background task, served once it is stored."""
    consultation = _consultation_or_404(request, slug)
    name = exports.fresh_export(consultation)
    if name is None:
        if cache.add(f"agora:export:{consultation.pk}", True, timeout=300):
            export_consultation.enqueue(consultation.pk)
        name = exports.fresh_export(consultation)  # at once when tasks run inline
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
