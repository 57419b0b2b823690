"""The read queries that pages need, each a constant number of queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    JSONField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django_comments.models import Comment, CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from forum.models import (
    Citation,
    Consultation,
    DiscussionFollow,
    OpinionSnapshot,
    Phase,
    Position,
    PositionRevision,
    Reply,
    Stance,
    SummaryVersion,
    Topic,
    Vote,
    VoteValue,
)
from forum.permissions import AnyUser, can_see_held, can_view_consultation
from moderation.models import ModeratedItem, ModerationStatus

THREADS_PER_PAGE = 20

# Open consultations first, then closed, then summarised.
_OPEN_FIRST = Case(
    When(phase=Phase.OPEN, then=Value(0)),
    When(phase=Phase.CLOSED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _published_count() -> Count:
    # Counts and the stance bar show what everyone can read.
    return Count("positions", filter=Q(positions__moderation_status=ModerationStatus.VISIBLE))


def consultations_public() -> QuerySet[Consultation]:
    """Consultations a visitor may see, open ones first, each with its number of topics."""
    return (
        Consultation.objects.exclude(phase=Phase.DRAFT)
        .annotate(topic_count=Count("topics"))
        .order_by(_OPEN_FIRST, "-created_at", "-id")
    )


def consultation_for_page(*, slug: str, user: AnyUser) -> Consultation | None:
    """The consultation with its topics and sources, or None when this user may not see it."""
    consultation = (
        Consultation.objects.filter(slug=slug)
        .annotate(
            has_summary=Exists(
                SummaryVersion.objects.filter(
                    summary__consultation=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
                )
            )
        )
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.annotate(position_count=_published_count()),
            ),
            "sources",
        )
        .first()
    )
    if consultation is None or not can_view_consultation(user, consultation):
        return None
    return consultation


def topic_by_slugs(*, consultation_slug: str, topic_slug: str) -> Topic | None:
    """The topic with its consultation, stances (with position counts) and sources."""
    return (
        Topic.objects.filter(consultation__slug=consultation_slug, slug=topic_slug)
        .select_related("consultation")
        .annotate(
            has_summary=Exists(
                SummaryVersion.objects.filter(
                    summary__topic=OuterRef("pk"), status=SummaryVersion.Status.PUBLISHED
                )
            )
        )
        .prefetch_related(
            Prefetch(
                "stances",
                queryset=Stance.objects.annotate(position_count=_published_count()),
            ),
            "sources",
        )
        .first()
    )


def topic_for_page(*, consultation_slug: str, topic_slug: str, user: AnyUser) -> Topic | None:
    """`topic_by_slugs`, or None when this user may not see the topic's consultation."""
    topic = topic_by_slugs(consultation_slug=consultation_slug, topic_slug=topic_slug)
    if topic is None or not can_view_consultation(user, topic.consultation):
        return None
    return topic


def _replies_on_positions() -> QuerySet[Reply]:
    # Joined through the content type's natural key, so that no page spends a query on it.
    # Agora is one site (SITE_ID); see _reply_count for why the site is not filtered on.
    return Reply.norel_objects.filter(
        content_type__app_label="forum", content_type__model="position"
    )


def _reply_count() -> Coalesce:
    """Published replies under the outer position: part of the position query, not one more.

    Counted on the library's base table (every comment here is a Reply), through the index
    that migration forum 0004 adds on (object_pk, content_type_id, …). Agora is one site, so
    the site is not asked: naming it leads SQLite to count through the site's index.
    """
    visible = (
        Comment.objects.filter(content_type__app_label="forum", content_type__model="position")
        .filter(
            object_pk=Cast(OuterRef("pk"), output_field=CharField()),
            is_public=True,
            is_removed=False,
        )
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(visible, output_field=IntegerField()), Value(0))


def _vote_count(value: int) -> Coalesce:
    votes = (
        Vote.objects.filter(position=OuterRef("pk"), value=value)
        .order_by()
        .values("position")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(votes, output_field=IntegerField()), Value(0))


def _with_votes(positions: QuerySet[Position], viewer: AnyUser | None) -> QuerySet[Position]:
    """Vote counts and the viewer's own vote, inside the positions' own query."""
    mine = (
        Subquery(
            Vote.objects.filter(position=OuterRef("pk"), voter_id=viewer.pk).values("value")[:1],
            output_field=IntegerField(),
        )
        if viewer is not None and viewer.is_authenticated
        else Value(None, output_field=IntegerField())
    )
    return positions.annotate(
        agree_count=_vote_count(VoteValue.AGREE),
        disagree_count=_vote_count(VoteValue.DISAGREE),
        pass_count=_vote_count(VoteValue.PASS),
        my_vote=mine,
    )


ORDERS = ("newest", "bridging")


def topic_positions(
    *,
    topic: Topic,
    stance: Stance | None = None,
    viewer: AnyUser | None = None,
    order: str = "newest",
) -> QuerySet[Position]:
    """A topic's positions, newest first, with what a position card shows. Held positions
    are left out except for their author and moderators; hidden and removed ones stay, for
    their placeholder."""
    positions = Position.objects.filter(topic=topic)
    if viewer is None or not can_see_held(viewer):
        visible = ~Q(moderation_status=ModerationStatus.HELD)
        if viewer is not None and viewer.is_authenticated:
            visible |= Q(author=viewer)
        positions = positions.filter(visible)
    positions = positions.select_related("author", "stance", "topic__consultation").annotate(
        reply_count=_reply_count()
    )
    if stance is not None:
        positions = positions.filter(stance=stance)
    positions = _with_votes(positions, viewer)
    if order == "bridging":
        return positions.order_by(F("bridging_score").desc(nulls_last=True), "-created_at", "-id")
    return positions.order_by("-created_at", "-id")


def positions_to_vote_on(*, topic: Topic, user: AnyUser, limit: int = 1) -> list[Position]:
    """The next positions this citizen has not voted on: the least voted first, as Pol.is
    does, so that the vote matrix fills where it is emptiest."""
    positions = (
        Position.objects.filter(topic=topic, moderation_status=ModerationStatus.VISIBLE)
        .exclude(author=user)
        .exclude(votes__voter=user)
        .select_related("author", "stance", "topic__consultation")
        .annotate(vote_count=Count("votes"))
        .order_by("vote_count", "created_at", "id")
    )
    return list(_with_votes(positions, user)[:limit])


def remaining_votes(*, topic: Topic, user: AnyUser) -> int:
    return (
        Position.objects.filter(topic=topic, moderation_status=ModerationStatus.VISIBLE)
        .exclude(author=user)
        .exclude(votes__voter=user)
        .count()
    )


def opinion_snapshot(*, topic: Topic) -> OpinionSnapshot | None:
    return OpinionSnapshot.objects.filter(topic=topic).first()


def positions_by_id(*, topic: Topic, ids: list[int]) -> dict[int, Position]:
    """Positions of a topic named by the opinion map, published ones only."""
    return {
        p.pk: p
        for p in Position.objects.filter(
            topic=topic, pk__in=ids, moderation_status=ModerationStatus.VISIBLE
        ).select_related("author", "stance", "topic__consultation")
    }


def position_of_author(*, topic: Topic, user: AnyUser) -> Position | None:
    if not user.is_authenticated:
        return None
    return Position.objects.filter(topic=topic, author=user).first()


def position_for_page(
    *, consultation_slug: str, topic_slug: str, pk: int, user: AnyUser
) -> Position | None:
    """The position with its topic, author, stance and every revision, newest first, and
    whether this user follows its discussion."""
    followed = (
        Exists(DiscussionFollow.objects.filter(position=OuterRef("pk"), user_id=user.pk))
        if user.is_authenticated
        else Value(False)
    )
    position = (
        Position.objects.filter(
            pk=pk, topic__slug=topic_slug, topic__consultation__slug=consultation_slug
        )
        .select_related("topic__consultation", "author", "stance")
        .annotate(
            agree_count=_vote_count(VoteValue.AGREE),
            disagree_count=_vote_count(VoteValue.DISAGREE),
            pass_count=_vote_count(VoteValue.PASS),
            my_vote=Subquery(
                Vote.objects.filter(position=OuterRef("pk"), voter_id=user.pk).values("value")[:1],
                output_field=IntegerField(),
            )
            if user.is_authenticated
            else Value(None, output_field=IntegerField()),
            is_followed=followed,
            is_cited=Exists(
                Citation.objects.filter(
                    position=OuterRef("pk"), version__status=SummaryVersion.Status.PUBLISHED
                )
            ),
            moderation_item_holds=Subquery(
                ModeratedItem.objects.filter(
                    content_type__app_label="forum",
                    content_type__model="position",
                    object_id=OuterRef("pk"),
                ).values("holds")[:1],
                output_field=JSONField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=PositionRevision.objects.select_related("stance").order_by("-number"),
            )
        )
        .first()
    )
    if position is None or not can_view_consultation(user, position.topic.consultation):
        return None
    return position


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


def position_discussion(
    *, position: Position, user: AnyUser, page_number: int = 1, with_held: bool = False
) -> Discussion:
    """The discussion under a position in three queries whatever its size: thread activity,
    the replies of this page's threads with their authors, and the feedback on them.

    Raises django.core.paginator.InvalidPage for a page past the end.
    """
    replies = _replies_on_positions().filter(object_pk=str(position.pk))
    if not with_held:
        # Held replies are their author's and the moderators' until reviewed.
        shown = ~Q(moderation_status=ModerationStatus.HELD)
        if user.is_authenticated:
            shown |= Q(user=user)
        replies = replies.filter(shown)
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
    """The position a reply answers, when this user may see it."""
    object_pk = (
        _replies_on_positions().filter(pk=reply_id).values_list("object_pk", flat=True).first()
    )
    if object_pk is None or not object_pk.isdigit():
        return None
    position = (
        Position.objects.filter(pk=int(object_pk)).select_related("topic__consultation").first()
    )
    if position is None or not can_view_consultation(user, position.topic.consultation):
        return None
    return position


def reply_in_discussion(*, position: Position, reply_id: int) -> Reply | None:
    """A reply under this position, with its author, or None."""
    return (
        _replies_on_positions()
        .filter(object_pk=str(position.pk), pk=reply_id)
        .select_related("user")
        .first()
    )


def vote_counts(*, position: Position, user: AnyUser) -> dict:
    """A position's vote counts and this user's vote, for the answer to a vote by script."""
    counts = dict(
        Vote.objects.filter(position=position)
        .values("value")
        .annotate(n=Count("pk"))
        .values_list("value", "n")
    )
    mine = Vote.objects.filter(position=position, voter_id=user.pk).values_list("value", flat=True)
    return {
        "agree": counts.get(VoteValue.AGREE, 0),
        "disagree": counts.get(VoteValue.DISAGREE, 0),
        "pass": counts.get(VoteValue.PASS, 0),
        "mine": mine.first(),
    }


def _summary_of(scope: Topic | Consultation) -> dict:
    if isinstance(scope, Topic):
        return {"summary__topic": scope}
    return {"summary__consultation": scope}


def summary_versions(*, scope: Topic | Consultation) -> list[SummaryVersion]:
    """A topic's (or consultation's) published summary versions, newest first, with their
    citations."""
    return list(
        SummaryVersion.objects.filter(**_summary_of(scope), status=SummaryVersion.Status.PUBLISHED)
        .select_related("published_by")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("position__topic__consultation"),
            )
        )
        .order_by("-number")
    )


def summary_draft(*, scope: Topic | Consultation) -> SummaryVersion | None:
    return (
        SummaryVersion.objects.filter(**_summary_of(scope), status=SummaryVersion.Status.DRAFT)
        .prefetch_related("citations__position")
        .first()
    )


def positions_for_citing(*, scope: Topic | Consultation, query: str = "") -> QuerySet[Position]:
    """The picker: the positions matching the words searched, with their stance."""
    topics = [scope] if isinstance(scope, Topic) else scope.topics.all()
    positions = Position.objects.filter(topic__in=topics).select_related("stance", "author")
    for word in query.split()[:5]:
        positions = positions.filter(Q(claim__icontains=word) | Q(body__icontains=word))
    return positions.order_by("topic__order", "stance__order", "-created_at")[:50]
