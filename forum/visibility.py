"""Who may see what: the one rule that every read path and every write on content uses.

A person knows a position or a reply at one of three levels:

- NONE: it does not exist for them. It is never listed, quoted, counted, exported or mailed,
  and its pages and every write on it answer 404. Content of a draft consultation (for anyone
  without `forum.view_draft_consultation`), held content (for anyone but its author and
  moderators), and replies under a position they cannot know.
- PLACEHOLDER: they may know it was there and why it is not shown ("Removed by a moderator:
  spam."), never its text. Hidden and removed content, for the public.
- FULL: they may read it. Published content; and, for its author and moderators, everything.

Lists use the queryset methods (`Position.objects.visible_to(user)`, `.readable_by(user)`,
`.public()`, and the same on replies); single objects use `position_access`/`reply_access`
and the `check_…` functions, which raise Http404; `shown` swaps content a person may not read
for a `Placeholder`. Search, the API and data exports must read through here too.

This module imports no model: the models' managers are built from its querysets.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from django.db import models
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.models import ModerationStatus, Reason
from moderation.permissions import can_moderate

DRAFT = "draft"
_NOT_SHOWN = (ModerationStatus.HIDDEN, ModerationStatus.REMOVED)


class Access(IntEnum):
    NONE = 0
    PLACEHOLDER = 1
    FULL = 2


# Consultations ----------------------------------------------------------------------------


def can_see_drafts(user) -> bool:
    """Organizers preparing a consultation. Only staff are asked, as for moderators: that
    spares every citizen's page the permission queries."""
    return bool(
        user.is_authenticated and user.is_staff and user.has_perm("forum.view_draft_consultation")
    )


def can_view_consultation(user, consultation) -> bool:
    return consultation.phase != DRAFT or can_see_drafts(user)


def _consultation_q(user, prefix: str) -> Q:
    if can_see_drafts(user):
        return Q()
    return ~Q(**{f"{prefix}phase": DRAFT})


# Content: the rule for one object -----------------------------------------------------------


def _content_access(user, *, status: str, author_id: int | None) -> Access:
    if status == ModerationStatus.VISIBLE:
        return Access.FULL
    if can_moderate(user) or (user.is_authenticated and author_id == user.pk):
        return Access.FULL
    if status == ModerationStatus.HELD:
        return Access.NONE
    return Access.PLACEHOLDER


def position_access(user, position) -> Access:
    """What this person may know of a position (its topic and consultation loaded)."""
    if not can_view_consultation(user, position.topic.consultation):
        return Access.NONE
    return _content_access(user, status=position.moderation_status, author_id=position.author_id)


def reply_access(user, reply, *, position_access_level: Access) -> Access:
    """What this person may know of a reply, given what they may know of its position.

    Replies under a hidden or removed position stay readable (they are other people's
    words); under a position this person cannot know, they do not exist either.
    """
    if position_access_level == Access.NONE:
        return Access.NONE
    return _content_access(user, status=reply.moderation_status, author_id=reply.user_id)


def can_see_position(user, position) -> bool:
    return position_access(user, position) > Access.NONE


def can_read_position(user, position) -> bool:
    return position_access(user, position) == Access.FULL


def check_can_see_position(user, position) -> None:
    """404 for a position this person may not know of (every page and write on it)."""
    if not can_see_position(user, position):
        raise Http404(_("No such position."))


def check_can_read_position(user, position) -> None:
    """404 for a position whose text this person may not read: writes that engage with its
    content (votes, replies, follows, reports, citations) need that."""
    if not can_read_position(user, position):
        raise Http404(_("No such position."))


def check_can_read_reply(user, reply, position) -> None:
    level = reply_access(user, reply, position_access_level=position_access(user, position))
    if level != Access.FULL:
        raise Http404(_("No such reply."))


def takes_part(content) -> bool:
    """Published content is what others may engage with: vote on, answer, report. Text its
    author erased when leaving (forum/accounts/deletion.py) is there no longer to engage with."""
    return content.moderation_status == ModerationStatus.VISIBLE and content.erased_at is None


# Placeholders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    """What stands in for content a person may not read: where it was, what happened, why.

    It has the attributes templates read from a position or reply, so that a template that
    shows `claim` or `comment_html` of a placeholder prints the notice, never the text.
    """

    pk: int
    moderation_status: str
    moderation_reason: str
    url: str
    is_placeholder: bool = True

    @property
    def notice(self) -> str:
        # The same words as every placeholder on the pages: one template says them.
        text = render_to_string(
            "moderation/includes/placeholder.html",
            {
                "status": self.moderation_status,
                "reason": self.moderation_reason,
                "reason_label": self.get_moderation_reason_display(),
            },
        ).strip()
        return text or str(NOT_AVAILABLE)

    claim = notice
    comment_html = notice
    body_html = notice

    def get_moderation_reason_display(self) -> str:
        return Reason(self.moderation_reason).label if self.moderation_reason else ""

    def get_absolute_url(self) -> str:
        return self.url


NOT_AVAILABLE = gettext_lazy("This contribution is not available.")


def placeholder_for(content, *, level: Access) -> Placeholder:
    """A placeholder for content this person may not read. Content they may not know at all
    (held, in a draft) shows only that it is not available, and links nowhere."""
    if level == Access.NONE:
        return Placeholder(pk=content.pk, moderation_status="", moderation_reason="", url="#")
    return Placeholder(
        pk=content.pk,
        moderation_status=content.moderation_status,
        moderation_reason=content.moderation_reason,
        url=content.get_absolute_url(),
    )


def shown_position(user, position):
    """The position itself when this person may read it, else its placeholder."""
    level = position_access(user, position)
    return position if level == Access.FULL else placeholder_for(position, level=level)


# Content: the rule for lists -------------------------------------------------------------------


def _content_q(user, *, author_field: str, readable: bool, prefix: str = "") -> Q | None:
    """Which rows of content this person may know (None: all of them); `prefix` reaches the
    content from another table (`position__`)."""
    if can_moderate(user):
        return None
    shown = Q(**{f"{prefix}moderation_status": ModerationStatus.VISIBLE})
    if user.is_authenticated:
        shown |= Q(**{f"{prefix}{author_field}": user.pk})
    if not readable:
        shown |= Q(**{f"{prefix}moderation_status__in": _NOT_SHOWN})
    return shown


def readable_through(user, *, prefix: str, author_field: str) -> Q:
    """`readable_by`'s condition on content, for a query on another table that reaches it
    through `prefix` (search entries: `position__`, `reply__`), so that the database joins
    by key instead of listing every readable row. The consultation's phase is the caller's
    to check, as with `published_q`."""
    shown = _content_q(user, author_field=author_field, readable=True, prefix=prefix)
    return Q() if shown is None else shown


def known_through(user, *, prefix: str, author_field: str) -> Q:
    """`visible_to`'s condition (placeholders included) through `prefix`: a reply may be read
    under a position that is only a placeholder."""
    shown = _content_q(user, author_field=author_field, readable=False, prefix=prefix)
    return Q() if shown is None else shown


class PositionQuerySet(models.QuerySet):
    def visible_to(self, user) -> PositionQuerySet:
        """Positions this person may know: readable ones and placeholders."""
        return self._visible(user, readable=False)

    def readable_by(self, user) -> PositionQuerySet:
        """Positions this person may read."""
        return self._visible(user, readable=True)

    def public(self) -> PositionQuerySet:
        """What anyone may read: published positions of public consultations. Counts, feeds,
        open data, mails to others and summaries' statistics use this."""
        return self.filter(moderation_status=ModerationStatus.VISIBLE).exclude(
            topic__consultation__phase=DRAFT
        )

    def _visible(self, user, *, readable: bool) -> PositionQuerySet:
        positions = self.filter(_consultation_q(user, "topic__consultation__"))
        shown = _content_q(user, author_field="author_id", readable=readable)
        return positions if shown is None else positions.filter(shown)


def _positions_as_text(positions) -> models.QuerySet:
    return positions.annotate(pk_text=Cast("pk", output_field=CharField())).filter(
        pk_text=OuterRef("object_pk")
    )


class ReplyQuerySet(models.QuerySet):
    """Replies are django-comments-xtd comments; their position is `object_pk` (text)."""

    def visible_to(self, user, *, position=None) -> ReplyQuerySet:
        """Replies this person may know (placeholders included). With `position`, the caller
        has checked it already; without, the position is checked in the same query."""
        return self._visible(user, position=position, readable=False)

    def readable_by(self, user, *, position=None) -> ReplyQuerySet:
        return self._visible(user, position=position, readable=True)

    def public(self) -> ReplyQuerySet:
        """Published replies under positions anyone may know of."""
        from forum.models import Position  # the model is built from this module

        known = Position.objects.filter(
            moderation_status__in=[ModerationStatus.VISIBLE, *_NOT_SHOWN]
        ).exclude(topic__consultation__phase=DRAFT)
        return self.filter(moderation_status=ModerationStatus.VISIBLE).filter(
            Exists(_positions_as_text(known))
        )

    def _visible(self, user, *, position, readable: bool) -> ReplyQuerySet:
        from forum.models import Position  # the model is built from this module

        replies = self
        if position is not None:
            if not can_see_position(user, position):
                return self.none()
            replies = replies.filter(object_pk=str(position.pk))
        else:
            replies = replies.filter(Exists(_positions_as_text(Position.objects.visible_to(user))))
        shown = _content_q(user, author_field="user_id", readable=readable)
        return replies if shown is None else replies.filter(shown)


# Moderation's view of content (moderation/registry.py) ---------------------------------------


def content_visible_to(user, content) -> bool:
    """For moderation's report form and service: may this person read this content?"""
    from forum.models import Position, Reply

    if isinstance(content, Position):
        return can_read_position(user, content)
    if isinstance(content, Reply):
        position = content.content_object
        if not isinstance(position, Position):
            return False
        level = position_access(user, position)
        return reply_access(user, content, position_access_level=level) == Access.FULL
    return False


def published_q(prefix: str = "") -> Q:
    """The condition `public()` applies, for counts inside another query (e.g. positions per
    stance, `prefix="positions__"`); the consultation is checked by the page that counts."""
    return Q(**{f"{prefix}moderation_status": ModerationStatus.VISIBLE})
