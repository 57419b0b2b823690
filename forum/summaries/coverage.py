"""What a summary starts from, its statistics, its citations rendered, and the coverage check."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    Max,
    Min,
    Q,
)
from django.utils import translation
from django.utils.translation import gettext as _

from forum.charts import group_letter
from forum.markup import render_markdown
from forum.models import (
    OpinionSnapshot,
    Position,
    Reply,
    Stance,
    Topic,
    Vote,
)
from forum.summaries.scope import Scope, topics_of
from forum.visibility import published_q
from moderation.models import ModerationStatus

CITATION = re.compile(r"\[\[P(\d{1,12})\]\]")


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
    """The stance's label; across a consultation's topics, with its topic's question (never
    its slug: readers read words, not addresses)."""
    return stance.label if isinstance(scope, Topic) else f"{stance.label} ({stance.topic.question})"


def summary_stats(*, scope: Scope) -> dict:
    """The statistics block: counted, never typed, and frozen when a version is published."""
    topics = topics_of(scope)
    visible = Position.objects.filter(topic__in=topics).public()
    # The label as published, and the stance's id: pages show its label in the reader's
    # language (stats_for_reader); the frozen label is the fallback for a stance gone since.
    per_stance = [
        {"stance": _stance_label(stance, scope), "stance_id": stance.pk, "positions": stance.n}
        for stance in Stance.objects.filter(topic__in=topics)
        .select_related("topic")
        .order_by("topic__order", "topic_id", "order")
        .annotate(n=Count("positions", filter=published_q("positions__")))
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


def stats_for_reader(stats: dict, *, scope: Scope, stances: list | None = None) -> dict:
    """A published version's frozen figures with each stance named in the active language
    (versions are immutable; their labels were frozen in the publisher's language).
    `stances`: the topic's, when the page has them already (no query then)."""
    # Dates are frozen as ISO strings; the page writes them in the reader's date format.
    stats = {
        **stats,
        **{
            key: datetime.date.fromisoformat(stats[key])
            for key in ("first", "last")
            if isinstance(stats.get(key), str)
        },
    }
    ids = [row["stance_id"] for row in stats.get("per_stance", []) if row.get("stance_id")]
    if not ids:
        return stats
    if stances is None:
        stances = Stance.objects.filter(pk__in=ids).select_related("topic")
    stances = {s.pk: s for s in stances}
    per_stance = [
        {**row, "stance": _stance_label(stances[row["stance_id"]], scope)}
        if row.get("stance_id") in stances
        else row
        for row in stats["per_stance"]
    ]
    return {**stats, "per_stance": per_stance}


def scope_languages(scope: Scope) -> list[str]:
    """The languages the organizers wrote this consultation or topic in (modeltranslation
    fields filled), in the site's order; at least the site's default."""
    field = "question" if isinstance(scope, Topic) else "title"
    written = [code for code, _name in settings.LANGUAGES if getattr(scope, f"{field}_{code}", "")]
    return written or [settings.LANGUAGE_CODE]


def summary_template(*, scope: Scope) -> str:
    """The editor's starting text, in each of the consultation's languages (English, then
    Korean): one section per stance with its most agreed positions cited, the points of
    agreement from the opinion map, open questions and method.

    Citations only, never the positions' own words: a published summary is frozen, and a
    claim copied into it would stay there after moderators hid the position. The editor's
    search lists positions with their claims beside the text; the moderators write the "…"."""
    topics = topics_of(scope)
    stances = list(
        Stance.objects.filter(topic__in=topics)
        .select_related("topic")
        .order_by("topic__order", "topic_id", "order")
    )
    top = {
        stance.pk: list(
            Position.objects.filter(stance=stance)
            .public()
            .annotate(agree=Count("votes", filter=Q(votes__value=1)))
            .order_by("-agree", "created_at")[:3]
        )
        for stance in stances
    }
    ids = [
        c["position"]
        for snapshot in OpinionSnapshot.objects.filter(topic__in=topics, status="ok")
        for c in snapshot.data["consensus"]
    ]
    agreed = list(Position.objects.filter(pk__in=ids).public())
    blocks = []
    for code in scope_languages(scope):
        with translation.override(code):
            blocks.append(_template_in_active_language(scope, stances, top, agreed))
    return "\n".join(blocks)


def _template_in_active_language(scope: Scope, stances, top: dict, agreed: list) -> str:
    titles = _section_titles()
    intro = scope.question if isinstance(scope, Topic) else scope.title
    parts = [f"## {titles['introduction']}\n\n{intro}\n"]
    for stance in stances:
        lines = "\n".join(f"- … [[P{p.pk}]]" for p in top[stance.pk])
        parts.append(f"## {_stance_label(stance, scope)}\n\n{lines or '-'}\n")
    lines = "\n".join(f"- … [[P{p.pk}]]" for p in agreed)
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


def _cited_ids(body: str) -> list[int]:
    seen: list[int] = []
    for match in CITATION.finditer(body):
        pk = int(match.group(1))
        if pk not in seen:
            seen.append(pk)
    return seen


def render_summary(*, body: str, scope: Scope, editor) -> tuple[str, list[int]]:
    """Markdown with `[[P123]]` citations → sanitised HTML with numbered references, and the
    cited position ids in reference order. Citing another topic's position, or one the editor
    may not know (forum.visibility), is refused."""
    cited = _cited_ids(body)
    known = set(
        Position.objects.filter(topic__in=topics_of(scope), pk__in=cited)
        .visible_to(editor)
        .values_list("pk", flat=True)
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
        for p in Position.objects.filter(topic__in=topics_of(scope), pk__in=cited).select_related(
            "stance"
        )
    }
    result = Coverage()
    topics = topics_of(scope)
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
            letter = group_letter(group["label"])
            if not isinstance(scope, Topic):
                letter = f"{letter} ({snapshot.topic.question})"
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
