"""The topic page, a position's page, posting and revising."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_comments_xtd.conf import settings as xtd_settings

from forum.caching.fragments import fragments_render
from forum.caching.pages import cached_for_readers
from forum.charts import stance_bar
from forum.consultations import selectors as consultations_selectors
from forum.consultations.views import topic_or_404
from forum.discussion import selectors as discussion_selectors
from forum.discussion.forms import ReplyForm
from forum.discussion.permissions import can_follow_discussion, feedback_allowed, reply_refusal
from forum.markup import render_markdown
from forum.models import (
    Position,
)
from forum.paging import page_number
from forum.positions import selectors, services
from forum.positions.forms import PositionForm
from forum.positions.permissions import (
    can_post_position,
    can_revise_position,
    check_can_post_position,
    check_can_revise_position,
)
from forum.summaries import permissions as summaries_permissions
from forum.visibility import Access, position_access, reply_access, takes_part
from forum.votes.permissions import can_vote
from moderation.models import ModerationStatus
from moderation.permissions import can_moderate, can_report, report_allowed
from moderation.screening import messages_for
from moderation.services import RateLimited

POSITIONS_PER_PAGE = 20
# Screening held it: its author must not be told it is out (the page says why it waits).
HELD_MESSAGE = gettext_lazy(
    "Your position waits for a moderator's review before others can see it. "
    "Until then only you and the moderators can read it; this page says why."
)


@transaction.non_atomic_requests
@cached_for_readers
def topic_detail(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    topic = topic_or_404(request, consultation_slug, topic_slug)
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
        page = paginator.page(page_number(request))
    except InvalidPage:
        raise Http404(_("No such page.")) from None
    segments, total = stance_bar(stances)
    for each, segment in zip(stances, segments, strict=True):
        each.colour, each.percent = segment.colour, segment.percent
    colour_of_stance = {each.pk: each.colour for each in stances}
    selectors.cards_complete(page.object_list, topic=topic, stances=stances, viewer=request.user)
    for position in page.object_list:
        position.stance_colour = colour_of_stance[position.stance_id]
        position.can_vote = can_vote(request.user, position)
        position.show_content = position_access(request.user, position) == Access.FULL
    own_position = selectors.position_of_author(topic=topic, user=request.user)
    cards = fragments_render(
        request,
        "forum/includes/position_card.html",
        page.object_list,
        shows=_card_shows,
        context=lambda position: {"position": position},
        return_path=True,
    )
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
            "cards": cards,
            "segments": segments,
            "position_total": total,
            "own_position": own_position,
            "can_post": own_position is None and can_post_position(request.user, topic),
            "can_write_summary": summaries_permissions.summary_refusal(request.user, topic) is None,
        },
    )


def _card_shows(position: Position) -> tuple:
    """Everything forum/includes/position_card.html (and votes.html in it) shows or decides on."""
    return (
        position.pk,
        position.topic.consultation.slug,
        position.topic.slug,
        position.show_content,
        position.moderation_status,
        position.moderation_reason,
        position.erased_at,
        position.stance.label,
        position.stance_colour,
        position.lang,
        position.claim,
        position.author.display_name,
        position.created_at,
        position.revised_at,
        position.reply_count,
        position.agree_count,
        position.disagree_count,
        position.pass_count,
        position.bridging_score,
        position.can_vote,
        position.my_vote,
    )


def position_or_404(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> Position:
    position = selectors.position_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, pk=pk, user=request.user
    )
    if position is None:
        raise Http404(_("No such position."))
    return position


@transaction.non_atomic_requests
@cached_for_readers
def position_detail(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> HttpResponse:
    position = position_or_404(request, consultation_slug, topic_slug, pk)
    is_author = request.user.is_authenticated and position.author_id == request.user.pk
    moderator = can_moderate(request.user)
    try:
        discussion = discussion_selectors.position_discussion(
            position=position,
            user=request.user,
            page_number=page_number(request, "replies"),
        )
    except InvalidPage:
        raise Http404(_("No such page.")) from None
    refusal = reply_refusal(request.user, position)
    _mark_reply_actions(
        request, position, discussion, may_reply=refusal is None, moderator=moderator
    )
    replies_url = position.get_absolute_url() + "replies/"
    threads_html = fragments_render(
        request,
        "forum/includes/reply_thread.html",
        discussion.threads,
        shows=lambda thread: (replies_url, *(_reply_shows(node) for node in thread.walk())),
        context=lambda thread: {"node": thread, "replies_url": replies_url},
    )
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
            "threads_html": threads_html,
            "reply_form": ReplyForm(position) if refusal is None else None,
            "reply_refusal": refusal,
            "following": position.is_followed,
            "can_follow": can_follow_discussion(request.user)
            and position_access(request.user, position) == Access.FULL,
            "is_author": is_author,
            "can_moderate": moderator,
            "show_content": position_access(request.user, position) == Access.FULL,
            "can_vote": can_vote(request.user, position),
            "can_report": position.is_published
            and can_report(request.user, author_id=position.author_id),
            "hold_messages": messages_for(position.moderation_item_holds)
            if position.moderation_status == ModerationStatus.HELD
            else [],
        },
    )


def _reply_shows(node: discussion_selectors.ReplyNode) -> tuple:
    """Everything django_comments_xtd/comment.html shows or decides on for one reply."""
    reply = node.reply
    return (
        reply.pk,
        reply.parent_id,
        reply.level,
        # The leaning's label follows from the leaning, the level and the language (in the key).
        reply.leaning,
        reply.user.display_name if reply.user else reply.user_name,
        reply.submit_date,
        reply.erased_at,
        reply.lang,
        reply.comment_html,
        reply.moderation_status,
        reply.moderation_reason,
        reply.is_public,
        reply.is_removed,
        node.show_content,
        node.likes,
        node.dislikes,
        node.liked,
        node.disliked,
        node.can_feedback,
        node.can_answer,
        node.can_report,
        node.can_moderate,
    )


def _mark_reply_actions(
    request: HttpRequest,
    position: Position,
    discussion: discussion_selectors.Discussion,
    *,
    may_reply: bool,
    moderator: bool,
) -> None:
    """Give the template one boolean per action and reply, so that it restates no rule."""
    user = request.user
    position_level = position_access(user, position)
    # The account's part of each rule is decided once for the page's hundred replies.
    may_report = report_allowed(user)
    may_give_feedback = feedback_allowed(user)
    for thread in discussion.threads:
        for node in thread.walk():
            reply = node.reply
            published = takes_part(reply)
            node.can_answer = (
                may_reply and published and reply.level < xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL
            )
            node.can_report = published and may_report(reply.user_id)
            node.can_feedback = published and may_give_feedback(reply)
            node.can_moderate = moderator
            # Authors and moderators still read what moderation hid; others see why only.
            node.show_content = (
                reply_access(user, reply, position_access_level=position_level) == Access.FULL
            )


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request: HttpRequest, consultation_slug: str, topic_slug: str) -> HttpResponse:
    # A draft is invisible (404, like a topic that does not exist); a closed topic says why.
    topic = consultations_selectors.topic_for_page(
        consultation_slug=consultation_slug, topic_slug=topic_slug, user=request.user
    )
    if topic is None:
        raise Http404(_("No such topic."))
    existing = selectors.position_of_author(topic=topic, user=request.user)
    if existing is not None:
        messages.info(request, _("You already hold a position on this topic. Revise it here."))
        return redirect("forum:position_revise", consultation_slug, topic_slug, existing.pk)
    check_can_post_position(request.user, topic)
    form = PositionForm(request.POST or None, topic=topic)
    extra: dict = {}
    if request.method == "POST" and form.is_valid() and not _previewed(request, form, extra):
        try:
            position = services.position_create(
                author=request.user, topic=topic, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except RateLimited as limited:
            extra["retry_at"] = timezone.localtime(limited.retry_shown)
            extra["wait_seconds"] = limited.wait_seconds
        else:
            if takes_part(position):
                messages.success(request, _("Your position is published."))
            else:
                messages.info(request, HELD_MESSAGE)
            return redirect(position)
    return _form_page(request, topic=topic, form=form, position=None, extra=extra)


def _previewed(request: HttpRequest, form: PositionForm, extra: dict) -> bool:
    """With the Preview button: the Markdown rendered as it will read, nothing saved."""
    if "preview" not in request.POST:
        return False
    extra["preview_html"] = render_markdown(form.cleaned_data["body"])
    extra["preview_colour"] = form.stance_colour(form.cleaned_data["stance"])
    return True


def _form_page(
    request: HttpRequest, *, topic, form: PositionForm, position: Position | None, extra: dict
) -> HttpResponse:
    """The form again; a refused burst answers 429, with the text kept and when to retry."""
    context = {"consultation": topic.consultation, "topic": topic, "form": form}
    context.update({"position": position, "preview_html": None, **extra})
    response = render(
        request, "forum/position_form.html", context, status=429 if "retry_at" in extra else 200
    )
    if "wait_seconds" in extra:
        response["Retry-After"] = str(extra["wait_seconds"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def position_revise(
    request: HttpRequest, consultation_slug: str, topic_slug: str, pk: int
) -> HttpResponse:
    position = position_or_404(request, consultation_slug, topic_slug, pk)
    check_can_revise_position(request.user, position)
    topic = position.topic
    initial = {"stance": position.stance, "claim": position.claim, "body": position.body}
    form = PositionForm(request.POST or None, topic=topic, initial=initial)
    extra: dict = {}
    if request.method == "POST" and form.is_valid() and not _previewed(request, form, extra):
        try:
            revised = services.position_revise(
                editor=request.user, position=position, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except RateLimited as limited:
            extra["retry_at"] = timezone.localtime(limited.retry_shown)
            extra["wait_seconds"] = limited.wait_seconds
        else:
            if takes_part(revised) or not takes_part(position):
                messages.success(request, _("Your position is revised; the earlier text is kept."))
            else:
                messages.info(request, HELD_MESSAGE)
            return redirect(position)
    return _form_page(request, topic=topic, form=form, position=position, extra=extra)
