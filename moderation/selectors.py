"""The reads that moderation pages need, each a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from moderation import registry, screening
from moderation.models import (
    Appeal,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
    Notice,
    Reason,
    Report,
    Sanction,
)
from moderation.notices import notice_message_html
from moderation.transitions import actions_for

QUEUE_PAGE_SIZE = 25


def queue_items(*, reason: str = "", scope: str = "") -> QuerySet[ModeratedItem]:
    """Held, hidden, reported or appealed items, the longest waiting first."""
    items = ModeratedItem.objects.filter(queued_at__isnull=False)
    if reason == Reason.SCREENING:
        items = items.filter(status=ModerationStatus.HELD)
    elif reason:
        items = items.filter(reports__reason=reason, reports__resolved_at__isnull=True)
    if scope:
        items = items.filter(scope=scope)
    return items.distinct().order_by("queued_at", "pk")


def queue_page_details(
    items: list[ModeratedItem], *, scope_titles: dict[str, str] | None = None
) -> None:
    """Fill a page of queue items with their content (whole, as its app shows it), open
    reports, appeal, the author's record, what held them and their consultation's title, in
    words, in a fixed number of queries whatever the page holds. Pass `scope_titles` when the
    page has them already."""
    content_querysets = []
    for model in registry.registered_models():
        content_querysets.append(model.moderation_queryset())
    ids = [item.pk for item in items]
    detailed = {
        item.pk: item
        for item in ModeratedItem.objects.filter(pk__in=ids)
        .select_related("author", "claimed_by", "content_type", "appeal")
        .prefetch_related(
            GenericPrefetch("content_object", content_querysets),
            Prefetch(
                "reports",
                queryset=Report.objects.open().select_related("reporter"),
                to_attr="open_reports",
            ),
        )
    }
    author_ids = {item.author_id for item in detailed.values() if item.author_id}
    records = {
        row["author_id"]: row
        for row in ModeratedItem.objects.filter(author_id__in=author_ids)
        .values("author_id")
        .annotate(
            total=Count("pk"),
            removed=Count("pk", filter=Q(status=ModerationStatus.REMOVED)),
            hidden=Count("pk", filter=Q(status=ModerationStatus.HIDDEN)),
        )
        .order_by()
    }
    if scope_titles is None:
        scope_titles = registry.scope_titles(item.scope for item in items)
    for index, item in enumerate(items):
        item = items[index] = detailed[item.pk]
        item.author_record = records.get(item.author_id, {})
        item.holds_shown = screening.labelled_messages_for(item.holds)
        item.scope_title = scope_titles.get(item.scope, item.scope)
        content = item.content_object
        item.shown = registry.shown(content) if content is not None else None
        item.has_open_reports = bool(item.open_reports)
        item.offered_actions = actions_for(item.status, has_open_reports=item.has_open_reports)


def scopes_in_queue() -> list[tuple[str, str]]:
    """(slug, title) of every consultation with something in the queue, by title."""
    slugs = (
        ModeratedItem.objects.filter(queued_at__isnull=False)
        .order_by("scope")
        .values_list("scope", flat=True)
        .distinct()
    )
    titles = registry.scope_titles(slugs)
    return sorted(titles.items(), key=lambda pair: pair[1].casefold())


def item_for_content(*, label: str, object_id: int) -> tuple[object, ModeratedItem | None] | None:
    """The registered content `label` #object_id and its moderation row (None if untracked)."""
    model = registry.model_for(label)
    if model is None:
        return None
    content = model.moderation_queryset().filter(pk=object_id).first()
    if content is None:
        return None
    item = (
        ModeratedItem.objects.filter(
            content_type=registry.content_type_for(content), object_id=content.pk
        )
        .select_related("author", "claimed_by", "appeal")
        .first()
    )
    return content, item


Action = ModerationAction.Action
# How the item page tells each entry of an item's log: who did what, as a person says it.
_DONE_BY = {
    Action.APPROVE: _("Approved by %(name)s"),
    Action.HIDE: _("Hidden by %(name)s"),
    Action.REMOVE: _("Removed by %(name)s"),
    Action.RESTORE: _("Restored by %(name)s"),
    Action.DISMISS: _("Reports dismissed by %(name)s"),
    Action.APPEAL: _("Appealed by its author, %(name)s"),
    Action.APPEAL_UPHELD: _("Appeal upheld by %(name)s"),
    Action.APPEAL_REJECTED: _("Appeal rejected by %(name)s"),
}
_DONE_AUTOMATICALLY = {
    Action.HOLD: _("Held by the screening rules"),
    Action.AUTO_HIDE: _("Hidden automatically after several reports"),
}


def item_history(item: ModeratedItem) -> list[ModerationAction]:
    """The item's log, oldest first; each entry's `summary` says who did what."""
    entries = list(item.actions.select_related("actor").order_by("created_at", "pk"))
    for entry in entries:
        if entry.actor is not None and entry.action in _DONE_BY:
            entry.summary = _DONE_BY[entry.action] % {"name": entry.actor.display_name}
        else:
            entry.summary = _DONE_AUTOMATICALLY.get(entry.action, entry.get_action_display())
    return entries


def notices_of(user) -> QuerySet[Notice]:
    return (
        Notice.objects.filter(user=user)
        .select_related("item__appeal", "item__content_type")
        .order_by("-created_at", "-pk")
    )


def notices_shown(user, *, limit: int = 100) -> list[Notice]:
    """The account's latest notices, each with its `message_html` in the active language."""
    notices = list(notices_of(user)[:limit])
    for notice in notices:
        notice.message_html = notice_message_html(notice)
    return notices


def sanctions_of(user) -> QuerySet[Sanction]:
    return Sanction.objects.filter(user=user).select_related("created_by")


@dataclass
class Transparency:
    by_month: list[dict]
    by_scope: list[dict]
    appeals: list[dict]
    sanctions: list[dict]


def transparency() -> Transparency:
    """Counts of what moderation did, by month and by consultation; no names, no content."""
    content_actions = ModerationAction.objects.filter(item__isnull=False).exclude(
        action=ModerationAction.Action.APPEAL
    )
    by_month = list(
        content_actions.annotate(month=TruncMonth("created_at"))
        .values("month", "action", "reason")
        .annotate(n=Count("pk"))
        .order_by("-month", "action", "reason")
    )
    by_scope = list(
        content_actions.values("scope", "action", "reason")
        .annotate(n=Count("pk"))
        .order_by("scope", "action", "reason")
    )
    appeals = list(Appeal.objects.values("outcome").annotate(n=Count("pk")).order_by("outcome"))
    sanctions = list(
        ModerationAction.objects.filter(target_user__isnull=False)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "action", "reason")
        .annotate(n=Count("pk"))
        .order_by("-month", "action", "reason")
    )
    for row in [*by_month, *by_scope, *sanctions]:
        row["action_label"] = ModerationAction.Action(row["action"]).label
        row["reason_label"] = Reason(row["reason"]).label if row["reason"] else ""
    titles = registry.scope_titles({row["scope"] for row in by_scope if row["scope"]})
    for row in by_scope:
        row["scope_title"] = titles.get(row["scope"], row["scope"])
    for row in appeals:
        row["outcome_label"] = Appeal.Outcome(row["outcome"]).label if row["outcome"] else ""
    return Transparency(by_month=by_month, by_scope=by_scope, appeals=appeals, sanctions=sanctions)


def user_by_id(user_id: int):
    return get_user_model().objects.filter(pk=user_id).first()


def actions_about(user) -> QuerySet[ModerationAction]:
    """The log entries about an account (its personal data download): decisions aimed at it,
    and decisions on what it wrote, oldest first."""
    return (
        ModerationAction.objects.filter(Q(target_user=user) | Q(item__author=user))
        .select_related("item__content_type")
        .order_by("created_at", "pk")
    )
