"""django-comments-xtd wired to positions, the careful way.

The library posts replies through its own view and signals. This module registers the
moderator that closes discussions with their topic and connects the receivers that turn its
defaults into Agora's rules: identity from the account, no IP address, Markdown rendered once,
no reply past the maximum depth, no silent republishing of moderated replies.
Connected from `ForumConfig.ready()`.
"""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.db import transaction
from django.db.models.signals import pre_save
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_comments.moderation import AlreadyModerated
from django_comments.signals import comment_was_posted, comment_will_be_posted
from django_comments_xtd.models import (
    TmpXtdComment,
    max_thread_level_for_content_type,
    publish_or_unpublish_on_pre_save,
)
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from forum.discussion import services, tasks
from forum.models import Position, Reply


class PositionModerator(XtdCommentModerator):
    """Replies are accepted only while the position's topic is open."""

    enable_field = "discussion_open"
    email_notification = False
    removal_suggestion_notification = False


def reply_will_be_posted(
    sender: type, comment: TmpXtdComment, request: HttpRequest, **kwargs
) -> bool:
    """Refuse what the form cannot see (wrong target, too deep), then prepare the reply.

    Returning False makes django-contrib-comments answer 400 before any row is written.
    """
    position = comment.content_object
    if not isinstance(position, Position):
        return False
    parent_id = comment.parent_id or 0
    if parent_id:
        parent_level = (
            Reply.objects.filter(pk=parent_id, object_pk=str(position.pk))
            .values_list("level", flat=True)
            .first()
        )
        if parent_level is None or parent_level >= max_thread_level_for_content_type(
            comment.content_type
        ):
            return False
    # Raises PermissionDenied (a 403 that says why) when this person may not reply here, and
    # RateLimited (a 429) when they reply too fast.
    request.agora_reply_holds = services.reply_prepare(
        reply=comment, author=request.user, position=position
    )
    return True


def reply_was_posted(sender: type, comment: TmpXtdComment, request: HttpRequest, **kwargs) -> None:
    """After the library has written the row: tell followers and the author."""
    reply = comment.xtd_comment
    if reply is None:
        # The library found the same reply already written (a double submit): nothing new.
        return
    holds = getattr(request, "agora_reply_holds", [])
    services.reply_posted(reply=reply, holds=holds)
    # Followers are told by the task worker, once the reply is committed: a popular
    # discussion's mail is never sent inside the poster's request.
    reply_id = reply.pk
    transaction.on_commit(lambda: tasks.reply_followers_notify.enqueue(reply_id), robust=True)
    if holds:
        messages.info(
            request,
            _("Your reply waits for a moderator's review before others can see it: %(why)s")
            % {"why": " ".join(str(hold.message) for hold in holds)},
        )
    else:
        messages.success(request, _("Your reply is published."))


def connect() -> None:
    with contextlib.suppress(AlreadyModerated):
        moderator.register(Position, PositionModerator)
    # Importing the library's views connects its own receivers, which write the reply; ours
    # must come after them so that the row exists when followers are told.
    import django_comments_xtd.views  # noqa: F401

    comment_will_be_posted.connect(
        reply_will_be_posted, sender=TmpXtdComment, dispatch_uid="agora_reply_will_be_posted"
    )
    comment_was_posted.connect(
        reply_was_posted, sender=TmpXtdComment, dispatch_uid="agora_reply_was_posted"
    )
    # The library unpublishes every answer when a reply is removed and republishes all of them
    # when it is restored, overwriting what moderators decided about each. Each reply keeps its
    # own state here; a removed reply leaves a placeholder and its answers stay readable.
    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=Reply._meta.label)
