"""Organizers create and edit consultations, topics and stances here.

Saves go through the services so that Markdown is rendered once and phase rules hold.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import BlackListedDomain, XtdComment
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from forum.accounts.forms import AccountChangeForm, AccountCreationForm
from forum.caching.services import site_changed
from forum.consultations import services
from forum.models import (
    Consultation,
    Position,
    PositionRevision,
    Reply,
    Source,
    Stance,
    Topic,
    User,
)
from moderation.admin import DateHierarchyGuard


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["title", "url", "order"]


class ConsultationAdminForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = "__all__"  # noqa: DJ007 -- the admin narrows fields through its fieldsets

    def clean_phase(self) -> str:
        phase = self.cleaned_data["phase"]
        if self.instance.pk:
            try:
                services.check_phase_transition(current=self.instance.phase, new=phase)
            except ValidationError as error:
                raise ValidationError(error.message_dict["phase"]) from error
        return phase


class ReadersPagesFollowDeletions:
    """A deleted consultation or topic leaves the readers' cached pages (the admin deletes
    in one transaction with this)."""

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        site_changed()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        site_changed()


@admin.register(Consultation)
class ConsultationAdmin(ReadersPagesFollowDeletions, TranslationAdmin):
    form = ConsultationAdminForm
    list_display = ["title", "slug", "phase", "opens_on", "closes_on"]
    list_filter = ["phase"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [SourceInline]

    def save_model(self, request, obj, form, change) -> None:
        services.consultation_save(consultation=obj)


class StanceInline(TranslationTabularInline):
    model = Stance
    extra = 1
    fields = ["key", "label", "description", "order"]


@admin.register(Topic)
class TopicAdmin(ReadersPagesFollowDeletions, TranslationAdmin):
    list_display = ["question", "consultation", "order"]
    list_filter = ["consultation"]
    search_fields = ["question", "slug"]
    list_select_related = ["consultation"]
    inlines = [StanceInline, SourceInline]

    def save_model(self, request, obj, form, change) -> None:
        services.topic_save(topic=obj)


class PositionRevisionInline(admin.TabularInline):
    model = PositionRevision
    extra = 0
    can_delete = False
    fields = ["number", "stance", "claim", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    """Read-only: positions are the citizens' words; moderation has its own tools."""

    list_display = ["claim", "topic", "stance", "author", "created_at"]
    list_filter = ["topic__consultation", "topic"]
    list_select_related = ["topic", "stance", "author"]
    search_fields = ["claim"]
    readonly_fields = ["topic", "author", "stance", "claim", "body", "created_at", "revised_at"]
    exclude = ["body_html"]
    inlines = [PositionRevisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).readable_by(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting would orphan the position's replies (a generic reference) and erase a
        # citizen's words without a trace; moderation hides and removes instead.
        return False


@admin.register(User)
class UserAdmin(ReadersPagesFollowDeletions, DjangoUserAdmin):
    """Accounts by pseudonym; addresses stay in allauth's e-mail records, off these lists."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # A pseudonym shows on every page its author wrote on.
        site_changed()

    form = AccountChangeForm
    add_form = AccountCreationForm
    list_display = ["username", "is_active", "is_staff", "date_joined"]
    search_fields = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]


# django-comments-xtd registers its base model (with IP addresses and e-mail fields) and its
# spam-domain list; Agora shows its own reply model instead, and no addresses at all.
for _model in (XtdComment, CommentFlag, BlackListedDomain):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class FlagInline(admin.TabularInline):
    model = CommentFlag
    fk_name = "comment"
    extra = 0
    can_delete = False
    fields = ["flag", "user", "flag_date"]
    readonly_fields = fields
    verbose_name = _("flag or feedback")
    verbose_name_plural = _("flags and feedback")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reply)
class ReplyAdmin(DateHierarchyGuard, admin.ModelAdmin):
    """Replies with their flags, for moderators beside the review queue. Read-only:
    removing and restoring go through the moderation views, which keep each reply's state."""

    list_display = ["__str__", "leaning", "submit_date", "is_public", "is_removed", "flag_count"]
    list_filter = ["is_public", "is_removed", "leaning"]
    search_fields = ["comment", "user__username"]
    date_hierarchy = "submit_date"
    fields = [
        "user",
        "object_pk",
        "parent_id",
        "level",
        "leaning",
        "comment",
        "submit_date",
        "is_public",
        "is_removed",
    ]
    readonly_fields = fields
    inlines = [FlagInline]

    def get_queryset(self, request):
        # Staff read through the visibility rule too: a moderator who is not an organizer
        # does not see a draft consultation's replies here either.
        return (
            super()
            .get_queryset(request)
            .readable_by(request.user)
            .select_related("user")
            .annotate(
                _flag_count=models.Count(
                    "flags", filter=models.Q(flags__flag=CommentFlag.SUGGEST_REMOVAL)
                )
            )
        )

    @admin.display(description=_("flags"), ordering="_flag_count")
    def flag_count(self, obj: Reply) -> int:
        return obj._flag_count

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # A deletion would leave no log entry and orphan the reply's answers; removing goes
        # through moderation, which logs it and keeps a placeholder.
        return False


@admin.register(CommentFlag)
class CommentFlagAdmin(DateHierarchyGuard, admin.ModelAdmin):
    """Flags on replies: who suggested removal, and when."""

    list_display = ["flag", "comment", "user", "flag_date"]
    list_filter = ["flag"]
    list_select_related = ["user", "comment"]
    date_hierarchy = "flag_date"
    fields = ["flag", "comment", "user", "flag_date"]
    readonly_fields = fields

    def get_queryset(self, request):
        # A flag's row names its reply: only flags on replies this person may read.
        readable = Reply.norel_objects.readable_by(request.user).values("pk")
        return super().get_queryset(request).filter(comment_id__in=readable)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
