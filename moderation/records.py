"""Writes that every moderation service shares: the content's status, the log entry,
the author's notice and the moderators' mail, each in the caller's transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from moderation.models import (
    ModeratedItem,
    ModerationAction,
    Notice,
    Sanction,
)

Action = ModerationAction.Action


def apply_status(item: ModeratedItem, content: models.Model) -> None:
    fields = content.apply_moderation(status=item.status, reason=item.reason)
    content.save(update_fields=fields)


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


def notify_author(item: ModeratedItem, text: str) -> None:
    if item.author_id is None:
        return
    notice_create(item.author, item, text)


def notice_create(user, item: ModeratedItem | None, text: str) -> None:
    Notice.objects.create(user=user, item=item, text=text)
    if not user.email:
        return
    body = render_to_string(
        "moderation/email/notice.txt",
        {"user": user, "text": text, "site_url": settings.AGORA_SITE_URL},
    )
    message = EmailMessage(
        subject=_("About your contributions on Agora"), body=body, to=[user.email]
    )
    transaction.on_commit(lambda: get_connection().send_messages([message]), robust=True)


def mail_moderators(item: ModeratedItem, content: models.Model) -> None:
    addresses = list(
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
        .values_list("email", flat=True)
        .distinct()
    )
    if not addresses:
        return
    body = render_to_string(
        "moderation/email/reported.txt",
        {
            "item": item,
            "excerpt": content.moderation_excerpt(),
            "site_url": settings.AGORA_SITE_URL,
        },
    )
    message = EmailMessage(
        subject=_("Hidden after reports: please review"), body=body, bcc=addresses
    )
    transaction.on_commit(lambda: get_connection().send_messages([message]), robust=True)
