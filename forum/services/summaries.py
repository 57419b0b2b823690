"""Consultation summaries: drafts, the coverage check, publishing and corrections.

A summary cites positions as `[[P123]]` in its Markdown; each citation becomes a numbered
reference and a Citation row, so "cited in the summary" and coverage are queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.markup import render_markdown
from forum.models import (
    Citation,
    Consultation,
    OpinionSnapshot,
    Phase,
    Position,
    Reply,
    Stance,
    Summary,
    SummaryVersion,
    Topic,
    User,
    Vote,
)
from moderation.models import ModerationStatus

CITATION = re.compile(r"\[\[P(\d{1,12})\]\]")
UNSUBSCRIBE_SALT = "agora.summaries.unsubscribe"


def can_publish_summary(user) -> bool:
    return bool(user.is_authenticated and user.is_staff and user.has_perm("forum.publish_summary"))


Scope = Topic | Consultation


def _topics(scope: Scope) -> list[Topic]:
    """The topics a summary covers: its topic, or every topic of its consultation."""
    if isinstance(scope, Topic):
        return [scope]
    return list(scope.topics.order_by("order", "pk"))


def _consultation_of(scope: Scope) -> Consultation:
    return scope.consultation if isinstance(scope, Topic) else scope


def _summary_key(scope: Scope) -> dict:
    return {"topic": scope} if isinstance(scope, Topic) else {"consultation": scope}


def summary_refusal(user, scope: Scope) -> str | None:
    if not can_publish_summary(user):
        return _("Only moderators write and publish summaries.")
    if _consultation_of(scope).phase in (Phase.DRAFT, Phase.OPEN):
        return _("A topic is summarised once its consultation is closed; this one is still open.")
    return None


def check_can_write_summary(user, scope: Scope) -> None:
    reason = summary_refusal(user, scope)
    if reason is not None:
        raise PermissionDenied(reason)


# What a summary starts from ------------------------------------------------------------


def _section_titles() -> dict[str, str]:
    return {
        "introduction": _("Introduction"),
        "agreement": _("Points of agreement"),
        "questions": _("Open questions"),
        "method": _("Method"),
    }


def exempt_sections() -> set[str]:
    """Sections that need no citation (in every language): introduction and method."""
    titles = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names = _section_titles()
            titles |= {names["introduction"], names["method"]}
    return titles


def _stance_label(stance, scope: Scope) -> str:
    return stance.label if isinstance(scope, Topic) else f"{stance.label} ({stance.topic.slug})"


def summary_stats(*, scope: Scope) -> dict:
    """The statistics block: counted, never typed, and frozen when a version is published."""
    topics = _topics(scope)
    visible = Position.objects.filter(topic__in=topics, moderation_status=ModerationStatus.VISIBLE)
    per_stance = [
        {"stance": _stance_label(stance, scope), "positions": stance.n}
        for stance in Stance.objects.filter(topic__in=topics)
        .select_related("topic")
        .order_by("topic__order", "topic_id", "order")
        .annotate(
            n=Count("positions", filter=Q(positions__moderation_status=ModerationStatus.VISIBLE))
        )
    ]
    dates = visible.aggregate(first=Min("created_at"), last=Max("created_at"))
    position_ids = [str(pk) for pk in visible.values_list("pk", flat=True)]
    replies = Reply.norel_objects.filter(
        content_type__app_label="forum",
        content_type__model="position",
        object_pk__in=position_ids,
        is_public=True,
        is_removed=False,
    )
    votes = Vote.objects.filter(position__in=visible)
    participants = (
        set(visible.values_list("author_id", flat=True))
        | set(votes.values_list("voter_id", flat=True))
        | set(replies.values_list("user_id", flat=True))
    )
    participants.discard(None)
    groups = []
    consensus = []
    for snapshot in OpinionSnapshot.objects.filter(topic__in=topics, status="ok"):
        groups += [{"label": g["label"], "size": g["size"]} for g in snapshot.data["groups"]]
        consensus += [c["position"] for c in snapshot.data["consensus"]]
    return {
        "participants": len(participants),
        "positions": sum(row["positions"] for row in per_stance),
        "per_stance": per_stance,
        "replies": replies.count(),
        "votes": votes.count(),
        "groups": groups,
        "consensus": consensus,
        "first": dates["first"].date().isoformat() if dates["first"] else None,
        "last": dates["last"].date().isoformat() if dates["last"] else None,
    }


def summary_template(*, scope: Scope) -> str:
    """The editor's starting text: one section per stance with its most agreed positions
    cited, the points of agreement from the opinion map, open questions and method."""
    titles = _section_titles()
    topics = _topics(scope)
    intro = scope.question if isinstance(scope, Topic) else scope.title
    parts = [f"## {titles['introduction']}\n\n{intro}\n"]
    for stance in (
        Stance.objects.filter(topic__in=topics)
        .select_related("topic")
        .order_by("topic__order", "topic_id", "order")
    ):
        top = (
            Position.objects.filter(stance=stance, moderation_status=ModerationStatus.VISIBLE)
            .annotate(agree=Count("votes", filter=Q(votes__value=1)))
            .order_by("-agree", "created_at")[:3]
        )
        lines = "\n".join(f"- {p.claim} [[P{p.pk}]]" for p in top)
        parts.append(f"## {_stance_label(stance, scope)}\n\n{lines or '-'}\n")
    ids = [
        c["position"]
        for snapshot in OpinionSnapshot.objects.filter(topic__in=topics, status="ok")
        for c in snapshot.data["consensus"]
    ]
    agreed = list(Position.objects.filter(pk__in=ids, moderation_status=ModerationStatus.VISIBLE))
    lines = "\n".join(f"- {p.claim} [[P{p.pk}]]" for p in agreed)
    parts.append(f"## {titles['agreement']}\n\n{lines or '-'}\n")
    parts.append(f"## {titles['questions']}\n\n-\n")
    parts.append(
        f"## {titles['method']}\n\n"
        + _(
            "Written by the moderators from every published position, the replies and the "
            "votes; each claim cites the positions it rests on."
        )
        + "\n"
    )
    return "\n".join(parts)


# Rendering and coverage ----------------------------------------------------------------


def _cited_ids(body: str) -> list[int]:
    seen: list[int] = []
    for match in CITATION.finditer(body):
        pk = int(match.group(1))
        if pk not in seen:
            seen.append(pk)
    return seen


def render_summary(*, body: str, scope: Scope) -> tuple[str, list[int]]:
    """Markdown with `[[P123]]` citations → sanitised HTML with numbered references, and the
    cited position ids in reference order. Citing another topic's position is refused."""
    cited = _cited_ids(body)
    known = set(
        Position.objects.filter(topic__in=_topics(scope), pk__in=cited).values_list("pk", flat=True)
    )
    foreign = [pk for pk in cited if pk not in known]
    if foreign:
        raise ValidationError(
            {
                "body": _(
                    "These citations are not positions of this topic or consultation: %(ids)s."
                )
                % {"ids": ", ".join(f"P{pk}" for pk in foreign)}
            },
            code="foreign_citation",
        )
    number = {pk: index for index, pk in enumerate(cited, start=1)}
    linked = CITATION.sub(
        lambda m: f"[\\[{number[int(m.group(1))]}\\]](#ref-{number[int(m.group(1))]})", body
    )
    return render_markdown(linked), cited


def _sections(body: str) -> list[tuple[str, str]]:
    sections = []
    for chunk in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
        title, _sep, text = chunk.partition("\n")
        sections.append((title.strip(), text))
    return sections


@dataclass
class Coverage:
    stances: list[tuple[str, int]] = field(default_factory=list)
    groups: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def coverage_check(*, scope: Scope, body: str) -> Coverage:
    """What the summary cites per stance and per opinion group, and what it leaves out."""
    cited = _cited_ids(body)
    positions = {
        p.pk: p
        for p in Position.objects.filter(topic__in=_topics(scope), pk__in=cited).select_related(
            "stance"
        )
    }
    result = Coverage()
    topics = _topics(scope)
    for stance in (
        Stance.objects.filter(topic__in=topics)
        .select_related("topic")
        .order_by("topic__order", "topic_id", "order")
    ):
        label = _stance_label(stance, scope)
        count = sum(1 for p in positions.values() if p.stance_id == stance.pk)
        result.stances.append((label, count))
        if not count:
            result.warnings.append(
                _("No position of the stance “%(stance)s” is cited.") % {"stance": label}
            )
    for snapshot in OpinionSnapshot.objects.filter(topic__in=topics, status="ok").select_related(
        "topic"
    ):
        for group in snapshot.data["groups"]:
            letter = "ABCDEFGHIJ"[group["label"]] if group["label"] < 10 else str(group["label"])
            if not isinstance(scope, Topic):
                letter = f"{letter} ({snapshot.topic.slug})"
            theirs = {rep["position"] for rep in group["representative"]}
            count = len(theirs & set(positions))
            result.groups.append((letter, count))
            if not count:
                result.warnings.append(
                    _("None of the positions that distinguish group %(group)s is cited.")
                    % {"group": letter}
                )
    exempt = exempt_sections()
    for title, text in _sections(body):
        if title not in exempt and not CITATION.search(text):
            result.warnings.append(
                _("The section “%(section)s” cites no position.") % {"section": title}
            )
    for position in positions.values():
        if position.moderation_status != ModerationStatus.VISIBLE:
            result.warnings.append(
                _("P%(id)s is hidden or removed by moderators and should not be cited.")
                % {"id": position.pk}
            )
    if not body.strip():
        result.warnings.append(_("The summary is empty."))
    return result


# Writes --------------------------------------------------------------------------------


def summary_draft_save(
    *, editor: User, scope: Scope, body: str, change_note: str = ""
) -> SummaryVersion:
    """A moderator saves the draft of a topic's summary (a correction, once one is published)."""
    check_can_write_summary(editor, scope)
    if "\x00" in body or "\x00" in change_note:
        raise ValidationError(_("Null characters are not allowed."), code="nul")
    html, cited = render_summary(body=body, scope=scope)
    with transaction.atomic():
        summary, _created = Summary.objects.get_or_create(**_summary_key(scope))
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
    notify: bool = True,
) -> SummaryVersion:
    """A moderator publishes the draft. Warnings need "publish anyway" and a reason; of two
    moderators publishing at once, one wins and the other is told."""
    check_can_write_summary(publisher, scope)
    with transaction.atomic():
        summary = Summary.objects.select_for_update().filter(**_summary_key(scope)).first()
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
        _advance_consultation(_consultation_of(scope))
        if notify:
            _notify_participants(scope=scope, version=draft)
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


def _scope_title(scope: Scope) -> str:
    return scope.question if isinstance(scope, Topic) else scope.title


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def summaries_unsubscribe(*, token: str) -> User | None:
    """The link in a summary e-mail: no more summary e-mails for that account."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    User.objects.filter(pk=user_id).update(summary_emails=False)
    return User.objects.filter(pk=user_id).first()


def _notify_participants(*, scope: Scope, version: SummaryVersion) -> None:
    topics = _topics(scope)
    visible = Position.objects.filter(topic__in=topics)
    ids = (
        set(visible.values_list("author_id", flat=True))
        | set(Vote.objects.filter(position__topic__in=topics).values_list("voter_id", flat=True))
        | set(
            Reply.norel_objects.filter(
                content_type__app_label="forum",
                content_type__model="position",
                object_pk__in=[str(pk) for pk in visible.values_list("pk", flat=True)],
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
        body = render_to_string(
            "forum/email/summary_published.txt",
            {
                "person": person,
                "title": _scope_title(scope),
                "url": url,
                "unsubscribe": unsubscribe,
                "version": version,
            },
        )
        messages.append(
            EmailMessage(
                subject=_("Summary published: %(question)s")
                % {"question": _scope_title(scope)[:80]},
                body=body,
                to=[person.email],
                headers={"List-Unsubscribe": f"<{unsubscribe}>"},
            )
        )
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages), robust=True)
