"""Writes of summaries: drafts, publishing and corrections, and the summary e-mails."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import (
    Max,
)
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.caching.services import pages_changed
from forum.models import (
    Citation,
    Consultation,
    Phase,
    Position,
    Reply,
    Summary,
    SummaryVersion,
    User,
    Vote,
)
from forum.summaries.coverage import coverage_check, render_summary, summary_stats
from forum.summaries.permissions import check_can_write_summary
from forum.summaries.scope import Scope, consultation_of, scope_title, summary_key, topics_of

UNSUBSCRIBE_SALT = "agora.summaries.unsubscribe"


def summary_draft_save(
    *, editor: User, scope: Scope, body: str, change_note: str = ""
) -> SummaryVersion:
    """A moderator saves the draft of a topic's summary (a correction, once one is published)."""
    check_can_write_summary(editor, scope)
    if "\x00" in body or "\x00" in change_note:
        raise ValidationError(_("Null characters are not allowed."), code="nul")
    html, cited = render_summary(body=body, scope=scope, editor=editor)
    with transaction.atomic():
        summary, _created = Summary.objects.get_or_create(**summary_key(scope))
        summary = Summary.objects.select_for_update().get(pk=summary.pk)
        draft = summary.versions.filter(status=SummaryVersion.Status.DRAFT).first()
        if draft is None:
            last = summary.versions.aggregate(n=Max("number"))["n"] or 0
            draft = SummaryVersion(summary=summary, number=last + 1, created_by=editor)
        draft.body = body
        draft.body_html = html
        draft.change_note = change_note.strip()[:500]
        draft.stats = summary_stats(scope=scope)
        draft.full_clean(
            exclude=["summary", "created_by", "published_by"], validate_constraints=False
        )
        draft.save()
        draft.citations.all().delete()
        Citation.objects.bulk_create(
            Citation(version=draft, position_id=pk, number=index)
            for index, pk in enumerate(cited, start=1)
        )
    return draft


def summary_publish(
    *,
    publisher: User,
    scope: Scope,
    version_number: int,
    publish_anyway: bool = False,
    reason: str = "",
    then: Callable[[int], object] | None = None,
) -> SummaryVersion:
    """A moderator publishes the draft. Warnings need "publish anyway" and a reason; of two
    moderators publishing at once, one wins and the other is told.

    `then(version_id)` runs once it is committed: the views pass the task that e-mails the
    participants (tasks import services, never the reverse)."""
    check_can_write_summary(publisher, scope)
    with transaction.atomic():
        summary = Summary.objects.select_for_update().filter(**summary_key(scope)).first()
        draft = summary.versions.filter(number=version_number).first() if summary else None
        if draft is None or draft.status != SummaryVersion.Status.DRAFT:
            raise ValidationError(
                _("This version was published already, by another moderator or by you."),
                code="published",
            )
        if not draft.body.strip():
            raise ValidationError(_("Write the summary before you publish it."), code="empty")
        if draft.number > 1 and not draft.change_note:
            raise ValidationError(
                _("Say what this correction changes before you publish it."), code="note"
            )
        warnings = coverage_check(scope=scope, body=draft.body).warnings
        reason = reason.strip()
        if warnings and not (publish_anyway and reason):
            raise ValidationError(
                _("The coverage check has warnings: tick “publish anyway” and give a reason."),
                code="warnings",
            )
        draft.status = SummaryVersion.Status.PUBLISHED
        draft.published_by = publisher
        draft.published_at = timezone.now()
        draft.publish_anyway_reason = reason if warnings else ""
        draft.stats = summary_stats(scope=scope)
        draft.save(
            update_fields=[
                "status",
                "published_by",
                "published_at",
                "publish_anyway_reason",
                "stats",
            ]
        )
        consultation = consultation_of(scope)
        _advance_consultation(consultation)
        pages_changed(consultation_ids=[consultation.pk])
        if then is not None:
            version_id = draft.pk
            transaction.on_commit(lambda: then(version_id), robust=True)
    return draft


def _advance_consultation(consultation: Consultation) -> None:
    """A closed consultation becomes "summarised" once every topic has a published summary."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.phase != Phase.CLOSED:
        return
    missing = locked.topics.exclude(
        summary__versions__status=SummaryVersion.Status.PUBLISHED
    ).exists()
    if not missing:
        Consultation.objects.filter(pk=locked.pk).update(phase=Phase.SUMMARISED)


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def _unsubscribing_user(token: str) -> User | None:
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id).first()


def summaries_unsubscribe_target(*, token: str) -> User | None:
    """Whose summary e-mails a link would stop, without stopping them (opening the link:
    mail scanners open links, so a GET changes nothing)."""
    return _unsubscribing_user(token)


def summaries_unsubscribe(*, token: str) -> User | None:
    """The link in a summary e-mail, confirmed (or one-click POST): no more summary e-mails
    for that account. Returns the account, or None when the link is not one Agora signed."""
    user = _unsubscribing_user(token)
    if user is not None:
        User.objects.filter(pk=user.pk).update(summary_emails=False)
    return user


def summary_participants_notify(*, version_id: int) -> int:
    """The background task's work after a summary is published: e-mail everyone who took
    part in its topics (wrote, voted or replied), each with a link to stop these e-mails.
    Returns how many were sent."""
    version = (
        SummaryVersion.objects.filter(pk=version_id, status=SummaryVersion.Status.PUBLISHED)
        .select_related("summary__topic__consultation", "summary__consultation")
        .first()
    )
    if version is None:
        return 0
    summary = version.summary
    scope = summary.topic or summary.consultation
    topics = topics_of(scope)
    # Everyone who took part, whatever became of their own contribution since.
    positions = Position.objects.filter(topic__in=topics)
    ids = (
        set(positions.values_list("author_id", flat=True))
        | set(Vote.objects.filter(position__topic__in=topics).values_list("voter_id", flat=True))
        | set(
            Reply.norel_objects.filter(
                content_type__app_label="forum",
                content_type__model="position",
                object_pk__in=[str(pk) for pk in positions.values_list("pk", flat=True)],
            ).values_list("user_id", flat=True)
        )
    )
    people = list(
        User.objects.filter(pk__in=ids, is_active=True, summary_emails=True).exclude(email="")
    )
    base = settings.AGORA_SITE_URL
    url = base + version.summary.get_absolute_url()
    messages = []
    for person in people:
        unsubscribe = base + reverse(
            "forum:summaries_unsubscribe", args=[unsubscribe_token(person)]
        )
        # In each person's language: the title too (consultations carry both).
        with translation.override(person.language):
            title = scope_title(scope)
            body = render_to_string(
                "forum/email/summary_published.txt",
                {
                    "person": person,
                    "title": title,
                    "url": url,
                    "unsubscribe": unsubscribe,
                    "version": version,
                },
            )
            subject = _("Summary published: %(question)s") % {"question": title[:80]}
        messages.append(
            EmailMessage(
                subject=subject,
                body=body,
                to=[person.email],
                # RFC 8058: mail clients may unsubscribe with one POST, no page opened.
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
