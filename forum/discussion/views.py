"""Answering, liking and following replies; a reply's address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_comments.views import comments as comment_views
from django_comments_xtd.conf import settings as xtd_settings

from forum.discussion import selectors, services
from forum.discussion.forms import ReplyForm
from forum.discussion.permissions import check_can_reply
from forum.inputs import ascii_int
from forum.models import (
    Position,
    Reply,
)
from forum.positions.views import position_or_404
from moderation.services import RateLimited


def _reply_or_404(request: HttpRequest, position: Position, reply_id: int) -> Reply:
    """A reply of this discussion that this user may read (forum.visibility), else 404."""
    reply = selectors.reply_in_discussion(position=position, reply_id=reply_id, user=request.user)
    if reply is None:
        raise Http404(_("No such reply."))
    return reply


@transaction.non_atomic_requests
def reply_posted(request: HttpRequest) -> HttpResponse:
    """Where the comment library sends a poster when no safe `next` came with the form."""
    reply_id = ascii_int(request.GET.get("c"))
    if reply_id is None:
        return redirect("forum:home")
    return reply_redirect(request, reply_id)


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
    position = position_or_404(request, consultation_slug, topic_slug, pk)
    parent = _reply_or_404(request, position, reply_id)
    check_can_reply(request.user, position, parent=parent)
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
    position = position_or_404(request, consultation_slug, topic_slug, pk)
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
    position = position_or_404(request, consultation_slug, topic_slug, pk)
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


@require_POST
def reply_post(request: HttpRequest) -> HttpResponse:
    """django-contrib-comments' posting view behind the visibility rule.

    The library validates the form first and renders its preview (which names the position)
    before any receiver runs; so a position, or a reply answered, that this person may not
    know answers 404 here, before the library sees the request. What is malformed or
    elsewhere (no such reply in this discussion) the library's form refuses with a message.
    """
    position_id = ascii_int(request.POST.get("object_pk"))
    position = None
    if request.POST.get("content_type") == "forum.position" and position_id is not None:
        position = selectors.position_to_reply_to(position_id=position_id, user=request.user)
        if position is None:
            raise Http404(_("No such position."))
        parent_id = ascii_int(request.POST.get("reply_to"))
        if parent_id and selectors.reply_unknown_to(
            position=position, reply_id=parent_id, user=request.user
        ):
            raise Http404(_("No such reply."))
    try:
        # A savepoint: a refused burst leaves nothing behind, and the page answers with the form.
        with transaction.atomic():
            return comment_views.post_comment(request)
    except RateLimited as limited:
        if position is None:
            raise
        form = ReplyForm(position, data=request.POST)
        form.is_valid()
        context = {"form": form, "retry_at": timezone.localtime(limited.retry_shown)}
        response = render(request, "comments/preview.html", context, status=429)
        response["Retry-After"] = str(limited.wait_seconds)
        return response
