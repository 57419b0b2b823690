"""Writes of the discussion: replies, feedback, follows and mutes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import (
    Q,
)
from django.http import (
    Http404,
)
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import (
    DISLIKEDIT_FLAG,
    LIKEDIT_FLAG,
    TmpXtdComment,
)

from forum.caching.services import pages_changed
from forum.content_language import detect_lang
from forum.discussion.permissions import (
    check_can_follow_discussion,
    check_can_give_feedback,
    check_can_reply,
)
from forum.markup import render_markdown
from forum.models import (
    REPLY_MAX_LENGTH,
    DiscussionFollow,
    Position,
    Reply,
    User,
)
from forum.search.services import search_index_reply
from forum.visibility import can_read_position, check_can_see_position, shown_position, takes_part
from moderation import services as moderation
from moderation.models import ModerationStatus, Reason
from moderation.screening import Hold

MUTE_SALT = "agora.discussion.mute"


FEEDBACK_FLAGS = {"like": LIKEDIT_FLAG, "dislike": DISLIKEDIT_FLAG}


def reply_prepare(*, reply: TmpXtdComment, author: User, position: Position) -> list[Hold]:
    """django-comments-xtd is about to write `reply` (from the comment_will_be_posted
    receiver): check the author may reply, force identity from the account, drop the IP
    address, render the Markdown, screen it, and turn the "e-mail me" box into a follow.

    Returns the screening holds, which `reply_posted` records once the row exists.
    Raises Http404 for a position or parent this author may not read.
    """
    parent = None
    if reply.parent_id:
        parent = Reply.norel_objects.filter(pk=reply.parent_id, object_pk=str(position.pk)).first()
        if parent is None:
            raise Http404(_("No such reply."))
    check_can_reply(author, position, parent=parent)
    # Stored replies to the position have level 0 (their parent_id is their own id).
    same_place = Q(parent_id=reply.parent_id, level__gt=0) if reply.parent_id else Q(level=0)
    earlier = (
        Reply.norel_objects.filter(
            same_place,
            content_type__app_label="forum",
            content_type__model="position",
            object_pk=str(position.pk),
            user=author,
            comment=reply.comment,
            submit_date__gte=timezone.now() - timezone.timedelta(minutes=10),
        )
        .order_by("-submit_date")
        .first()
    )
    if earlier is not None:
        # A double submit: give it the first one's identity, which the library recognises
        # (same name, e-mail, follow-up and time) and does not write again.
        reply.submit_date = earlier.submit_date
        reply.user_name, reply.user_email = earlier.user_name, earlier.user_email
        reply.followup = earlier.followup
        return []
    moderation.check_can_contribute(user=author, new=True)
    for validator in (MaxLengthValidator(REPLY_MAX_LENGTH), ProhibitNullCharactersValidator()):
        # The form has checked already; this guards every other way in.
        validator(reply.comment)
    reply.user = author
    reply.user_name = author.username
    # The account holds the address; a copy on every reply would only be one more to leak.
    reply.user_email = ""
    reply.user_url = ""
    reply.ip_address = None
    reply.comment_html = render_markdown(reply.comment)
    reply.lang = detect_lang(reply.comment)
    holds = moderation.screen(
        author=author, text=reply.comment, premoderated=position.topic.consultation.premoderation
    )
    if holds:
        reply.moderation_status = ModerationStatus.HELD
        reply.moderation_reason = Reason.SCREENING
        reply.is_public = False
    if reply.followup:
        discussion_follow(user=author, position=position)
    # Followers are Agora's own rows; the library's per-reply follow-up mail stays off.
    reply.followup = False
    return holds


def reply_posted(*, reply: Reply, holds: list[Hold]) -> None:
    """After django-comments-xtd wrote the reply: record it for moderation (the receiver then
    asks the task worker to tell the discussion's followers)."""
    moderation.item_track(content=reply, holds=holds)
    search_index_reply(reply)
    pages_changed(consultation_ids=[reply.content_object.topic.consultation_id])


def reply_followers_notify(*, reply_id: int) -> int:
    """The background task's work after a reply is posted: e-mail everyone who follows the
    discussion, but its author, each with a one-click mute link. Checked again when sent:
    nothing goes out about a reply or position that is no longer published by then.
    Returns how many were sent."""
    reply = Reply.norel_objects.filter(pk=reply_id).select_related("user").first()
    if reply is None or not takes_part(reply):
        return 0
    position = reply.content_object
    if not isinstance(position, Position) or not takes_part(position):
        return 0
    followers = list(
        DiscussionFollow.objects.filter(position=position)
        .exclude(user_id=reply.user_id)
        .select_related("user")
    )
    base = settings.AGORA_SITE_URL
    position_url = f"{base}{position.get_absolute_url()}#reply-{reply.pk}"
    messages = []
    for follow in followers:
        if not can_read_position(follow.user, position) or not follow.user.email:
            continue
        mute_url = base + reverse("forum:discussion_mute", args=[discussion_mute_token(follow)])
        context = {
            "reply": reply,
            "position": position,
            "position_url": position_url,
            "mute_url": mute_url,
            "recipient": follow.user,
        }
        # In the follower's language, whoever replied and in whatever language.
        with translation.override(follow.user.language):
            subject = render_to_string("forum/email/reply_notification_subject.txt", context)
            body = render_to_string("forum/email/reply_notification.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            to=[follow.user.email],
            headers={
                "List-Unsubscribe": f"<{mute_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        messages.append(message)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def discussion_mute_token(follow: DiscussionFollow) -> str:
    return signing.dumps([follow.user_id, follow.position_id], salt=MUTE_SALT, compress=True)


def discussion_follow(*, user: User, position: Position) -> DiscussionFollow:
    """A verified citizen follows a position's discussion; following twice changes nothing."""
    check_can_follow_discussion(user, position)
    follow, _created = DiscussionFollow.objects.get_or_create(user=user, position=position)
    return follow


def discussion_unfollow(*, user: User, position: Position) -> None:
    """A citizen stops following a discussion they may still know of (404 otherwise)."""
    check_can_see_position(user, position)
    DiscussionFollow.objects.filter(user=user, position=position).delete()


def _muted_position(user_id: int, position_id: int):
    """The position of a mute link as its follower may see it (a placeholder once hidden)."""
    position = Position.objects.select_related("topic__consultation").filter(pk=position_id).first()
    if position is None:
        return None
    follower = User.objects.filter(pk=user_id).first() or AnonymousUser()
    return shown_position(follower, position)


def discussion_mute_target(*, token: str):
    """The position a mute link is for, without muting (what opening the link shows)."""
    try:
        user_id, position_id = signing.loads(token, salt=MUTE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return _muted_position(user_id, position_id)


def discussion_mute(*, token: str):
    """The mute link in a notification: anyone holding it stops that follow, signed in or not.

    Returns the position, or None when the token is not one Agora signed.
    """
    try:
        user_id, position_id = signing.loads(token, salt=MUTE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    DiscussionFollow.objects.filter(user_id=user_id, position_id=position_id).delete()
    return _muted_position(user_id, position_id)


def reply_feedback(*, user: User, reply: Reply, kind: str) -> bool:
    """A verified citizen likes or dislikes a reply; the same click again takes it back, and
    liking replaces a dislike. Returns whether the feedback is now given."""
    position = reply.content_object
    if not isinstance(position, Position):
        raise Http404(_("No such reply."))
    check_can_give_feedback(user, reply, position=position)
    if kind not in FEEDBACK_FLAGS:
        raise ValidationError(_("Choose like or dislike."), code="feedback_kind")
    flag_name = FEEDBACK_FLAGS[kind]
    opposite = DISLIKEDIT_FLAG if flag_name == LIKEDIT_FLAG else LIKEDIT_FLAG
    with transaction.atomic():
        _flag, created = CommentFlag.objects.get_or_create(comment=reply, user=user, flag=flag_name)
        if created:
            CommentFlag.objects.filter(comment=reply, user=user, flag=opposite).delete()
        else:
            CommentFlag.objects.filter(comment=reply, user=user, flag=flag_name).delete()
    return created
