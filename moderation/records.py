"""Writes that every moderation service shares: the content's status, the log entry,
the author's notice and the moderators' mail, each in the caller's transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from moderation import registry
from moderation.models import (
    ModeratedItem,
    ModerationAction,
    Notice,
    Sanction,
)
from moderation.notices import notice_message

Action = ModerationAction.Action


def apply_status(item: ModeratedItem, content: models.Model) -> None:
    fields = content.apply_moderation(status=item.status, reason=item.reason)
    content.save(update_fields=fields)
    registry.content_changed(content)


def log_action(*, actor, action, item=None, target_user=None, reason="", note="") -> None:
    ModerationAction.objects.create(
        actor=actor,
        action=action,
        item=item,
        target_user=target_user,
        scope=item.scope if item else "",
        reason=reason or "",
        note=note or "",
    )


def notify_author(item: ModeratedItem, *, event: str, excerpt: str, **details) -> None:
    if item.author_id is None:
        return
    notice_create(item.author, item, event=event, excerpt=excerpt[:200], **details)


def notice_create(
    user,
    item: ModeratedItem | None,
    *,
    event: str,
    reason: str = "",
    until=None,
    excerpt: str = "",
    note: str = "",
    may_appeal: bool = False,
    holds: list[str] | None = None,
) -> Notice:
    """Store what happened; its words are chosen when it is read or, here, mailed, in the
    recipient's language, whatever the language of the moderator who acted."""
    notice = Notice.objects.create(
        user=user,
        item=item,
        event=event,
        reason=reason or "",
        until=until,
        excerpt=excerpt,
        note=note or "",
        may_appeal=may_appeal,
        holds=list(holds or []),
    )
    if not user.email:
        return notice
    with translation.override(language_of(user)):
        body = render_to_string(
            "moderation/email/notice.txt",
            {"user": user, "text": notice_message(notice), "site_url": settings.AGORA_SITE_URL},
        )
        message = EmailMessage(
            subject=_("About your contributions on Agora"), body=body, to=[user.email]
        )
    transaction.on_commit(lambda: get_connection().send_messages([message]), robust=True)
    return notice


def language_of(user) -> str:
    """The language an account chose to be written to in (the forum's User.language), else
    the site's."""
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mail_moderators(item: ModeratedItem, content: models.Model) -> None:
    moderators = list(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(
                groups__permissions__codename="moderate",
                groups__permissions__content_type__app_label="moderation",
            )
            | Q(is_superuser=True)
        )
        .exclude(email="")
        # A suspended or banned moderator cannot act on it.
        .exclude(Exists(Sanction.objects.in_force().filter(user=OuterRef("pk"))))
        .distinct()
    )
    if not moderators:
        return
    # One message per language, each in blind copy to the moderators who read it.
    by_language: dict[str, list[str]] = {}
    for moderator in moderators:
        by_language.setdefault(language_of(moderator), []).append(moderator.email)
    messages = []
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            body = render_to_string(
                "moderation/email/reported.txt",
                {
                    "item": item,
                    "excerpt": content.moderation_excerpt(),
                    "site_url": settings.AGORA_SITE_URL,
                },
            )
            subject = _("Hidden after reports: please review")
        messages.append(EmailMessage(subject=subject, body=body, bcc=sorted(set(addresses))))
    transaction.on_commit(lambda: get_connection().send_messages(messages), robust=True)
