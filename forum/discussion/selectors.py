"""Reads of a position's discussion, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Max,
    Min,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django_comments.models import CommentFlag
from django_comments_xtd.models import (
    DISLIKEDIT_FLAG,
    LIKEDIT_FLAG,
)

from forum.models import (
    Position,
    Reply,
)
from forum.permissions import AnyUser
from forum.visibility import Access, position_access, reply_access

THREADS_PER_PAGE = 20


def replies_on_positions() -> QuerySet[Reply]:
    # Joined through the content type's natural key, so that no page spends a query on it.
    # Agora is one site (SITE_ID); see reply_count_of_position in
    # forum/positions/selectors.py for why the site is not filtered on.
    return Reply.norel_objects.filter(
        content_type__app_label="forum", content_type__model="position"
    )


@dataclass
class ReplyNode:
    """A reply in the tree, with its answers and the feedback it has received."""

    reply: Reply
    children: list[ReplyNode] = field(default_factory=list)
    likes: int = 0
    dislikes: int = 0
    flags: int = 0
    liked: bool = False
    disliked: bool = False
    flagged: bool = False

    @property
    def descendant_count(self) -> int:
        """Answers readers can see (placeholders of removed ones are not counted)."""
        return sum(
            (1 if child.reply.is_public and not child.reply.is_removed else 0)
            + child.descendant_count
            for child in self.children
        )

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Discussion:
    """One page of a position's discussion: whole threads, most recently active first."""

    threads: list[ReplyNode]
    page: Page
    reply_count: int


def position_discussion(*, position: Position, user: AnyUser, page_number: int = 1) -> Discussion:
    """The discussion under a position in three queries whatever its size: thread activity,
    the replies of this page's threads with their authors, and the feedback on them. Only
    what this user may know (forum.visibility): held replies are their author's and the
    moderators'; hidden and removed ones stay for their placeholder.

    Raises django.core.paginator.InvalidPage for a page past the end.
    """
    replies = replies_on_positions().visible_to(user, position=position)
    activity = list(
        replies.order_by()
        .values("thread_id")
        .annotate(
            # Activity that readers can see: a removed answer does not lift its thread.
            last=Coalesce(
                Max("submit_date", filter=Q(is_public=True, is_removed=False)),
                Min("submit_date"),
            ),
            visible=Count("pk", filter=Q(is_public=True, is_removed=False)),
        )
        .order_by("-last", "-thread_id")
    )
    reply_count = sum(row["visible"] for row in activity)
    page = Paginator([row["thread_id"] for row in activity], THREADS_PER_PAGE).page(page_number)
    thread_ids = list(page.object_list)
    nodes: dict[int, ReplyNode] = {}
    roots: dict[int, ReplyNode] = {}
    rows = (
        replies.filter(thread_id__in=thread_ids)
        .select_related("user")
        .order_by("thread_id", "order")
        if thread_ids
        else []
    )
    for reply in rows:
        node = nodes[reply.pk] = ReplyNode(reply=reply)
        parent = nodes.get(reply.parent_id) if reply.parent_id != reply.pk else None
        if parent is not None:
            parent.children.append(node)
        elif reply.thread_id not in roots:
            roots[reply.thread_id] = node
    if nodes:
        _add_feedback(nodes, user)
    threads = [roots[thread_id] for thread_id in thread_ids if thread_id in roots]
    return Discussion(threads=threads, page=page, reply_count=reply_count)


def _add_feedback(nodes: dict[int, ReplyNode], user: AnyUser) -> None:
    user_id = user.pk if user.is_authenticated else None
    counts = (
        CommentFlag.objects.filter(comment_id__in=list(nodes))
        .values("comment_id", "flag")
        .annotate(n=Count("pk"), mine=Count("pk", filter=Q(user_id=user_id)))
        .order_by()
    )
    for row in counts:
        node = nodes[row["comment_id"]]
        mine = row["mine"] > 0
        if row["flag"] == LIKEDIT_FLAG:
            node.likes, node.liked = row["n"], mine
        elif row["flag"] == DISLIKEDIT_FLAG:
            node.dislikes, node.disliked = row["n"], mine
        elif row["flag"] == CommentFlag.SUGGEST_REMOVAL:
            node.flags, node.flagged = row["n"], mine


def position_of_reply(*, reply_id: int, user: AnyUser) -> Position | None:
    """The position a reply answers, when this user may know both (forum.visibility)."""
    reply = (
        replies_on_positions()
        .filter(pk=reply_id)
        .only("object_pk", "user_id", "moderation_status")
        .first()
    )
    if reply is None or not reply.object_pk.isascii() or not reply.object_pk.isdigit():
        return None
    position = (
        Position.objects.filter(pk=int(reply.object_pk))
        .select_related("topic__consultation")
        .first()
    )
    if position is None:
        return None
    level = reply_access(user, reply, position_access_level=position_access(user, position))
    return position if level > Access.NONE else None


def reply_in_discussion(*, position: Position, reply_id: int, user: AnyUser) -> Reply | None:
    """A reply under this position, with its author, when this user may read it; else None."""
    return (
        replies_on_positions()
        .readable_by(user, position=position)
        .filter(pk=reply_id)
        .select_related("user")
        .first()
    )


def position_to_reply_to(*, position_id: int | None, user: AnyUser) -> Position | None:
    """The position a reply is posted under, when this user may read it; else None."""
    if position_id is None:
        return None
    position = Position.objects.filter(pk=position_id).select_related("topic__consultation").first()
    if position is None or position_access(user, position) != Access.FULL:
        return None
    return position


def reply_unknown_to(*, position: Position, reply_id: int, user: AnyUser) -> bool:
    """Whether this reply exists under the position but this user may not know it (held)."""
    replies = replies_on_positions().filter(object_pk=str(position.pk), pk=reply_id)
    return replies.exists() and not replies.visible_to(user, position=position).exists()
