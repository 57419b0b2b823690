"""Reads for the topic page's cards and a position's page."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django_comments.models import Comment

from forum.consultations.selectors import stance_colour
from forum.models import (
    Citation,
    DiscussionFollow,
    Position,
    PositionRevision,
    Stance,
    SummaryVersion,
    Topic,
)
from forum.permissions import AnyUser
from forum.visibility import Access, position_access
from forum.votes.selectors import tallies_attach
from moderation.models import ModeratedItem


def _published_replies():
    """Published replies to positions, on the library's base table (every comment here is a
    Reply), through the index that migration forum 0004 adds on (object_pk,
    content_type_id, …). Agora is one site, so the site is not asked: naming it leads SQLite
    to count through the site's index."""
    return Comment.objects.filter(
        content_type__app_label="forum",
        content_type__model="position",
        is_public=True,
        is_removed=False,
    )


def reply_count_of_position() -> Coalesce:
    """Published replies under the outer position: part of the position query, not one more."""
    visible = (
        _published_replies()
        .filter(object_pk=Cast(OuterRef("pk"), output_field=CharField()))
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(visible, output_field=IntegerField()), Value(0))


ORDERS = ("newest", "bridging")


def topic_positions(
    *,
    topic: Topic,
    stance: Stance | None = None,
    viewer: AnyUser | None = None,
    order: str = "newest",
) -> QuerySet[Position]:
    """A topic's positions, newest first: those the viewer may know (forum.visibility),
    placeholders of hidden and removed ones included. What a card shows besides comes with
    `cards_complete` for the page's positions only.

    The query stays plain so that building it, counting it for the pager and fetching a page
    cost little: four correlated subqueries per card (three vote tallies and the replies),
    built and copied by the ORM on every request, were a third of the signed-in page."""
    positions = Position.objects.filter(topic=topic).visible_to(viewer or AnonymousUser())
    positions = positions.select_related("author").defer("body", "body_html")
    if stance is not None:
        positions = positions.filter(stance=stance)
    if order == "bridging":
        return positions.order_by(F("bridging_score").desc(nulls_last=True), "-created_at", "-id")
    return positions.order_by("-created_at", "-id")


def cards_complete(positions, *, topic: Topic, stances, viewer: AnyUser) -> None:
    """What the cards of `topic_positions`' page show, in two grouped queries whatever their
    number: each position's vote tallies and the viewer's own vote, and its published
    replies. Its topic and stance are the caller's, already loaded (joining them again would
    carry the consultation's texts in both languages on every row)."""
    positions = list(positions)
    ids = [position.pk for position in positions]
    tallies_attach(positions, viewer=viewer)
    replies = dict(
        _published_replies()
        .filter(object_pk__in=[str(pk) for pk in ids])
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values_list("object_pk", "n")
    )
    stance_of = {stance.pk: stance for stance in stances}
    for position in positions:
        position.topic = topic
        position.stance = stance_of[position.stance_id]
        position.reply_count = replies.get(str(position.pk), 0)


def position_of_author(*, topic: Topic, user: AnyUser) -> Position | None:
    if not user.is_authenticated:
        return None
    return Position.objects.filter(topic=topic, author=user).first()


def position_for_page(
    *, consultation_slug: str, topic_slug: str, pk: int, user: AnyUser
) -> Position | None:
    """The position with its topic, author, stance and every revision, newest first, and
    whether this user follows its discussion; None when this user may not know it."""
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
            is_followed=followed,
            stance_colour=stance_colour(),
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
    if position is None or position_access(user, position) == Access.NONE:
        return None
    tallies_attach([position], viewer=user)
    return position
