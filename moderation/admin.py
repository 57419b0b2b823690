"""The admin shows moderation records read-only: changes go through the review queue, whose
services log them; the log itself can be neither changed nor deleted here."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters

from moderation.models import (
    Appeal,
    ModeratedItem,
    ModerationAction,
    Notice,
    Report,
    Sanction,
)


class DateHierarchyGuard:
    """Django's date drill-down builds a date from `?created_at__year=…` and lets an
    impossible one (40 digits, "𝟏") raise OverflowError: a 500. Turn it into the admin's
    own answer to a bad filter, a redirect with `?e=1`."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class ReadOnlyAdmin(DateHierarchyGuard, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "reason", "actor", "item", "target_user", "scope"]
    list_filter = ["action", "reason", "scope"]
    list_select_related = ["actor", "item__content_type", "target_user"]
    date_hierarchy = "created_at"


@admin.register(ModeratedItem)
class ModeratedItemAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "reason", "scope", "author", "queued_at"]
    list_filter = ["status", "reason", "scope"]
    list_select_related = ["content_type", "author"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["item", "reason", "reporter", "created_at", "resolved_at", "upheld"]
    list_filter = ["reason", "upheld"]
    list_select_related = ["item__content_type", "reporter"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["item", "author", "created_at", "outcome"]
    list_select_related = ["item__content_type", "author"]


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "reason", "until", "created_by", "created_at", "lifted_at"]
    list_filter = ["kind", "reason"]
    list_select_related = ["user", "created_by"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["user", "created_at", "event", "reason", "excerpt"]
    list_select_related = ["user"]
