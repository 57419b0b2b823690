"""Organizers' writes: consultations and topics (through the admin)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forum.caching.services import pages_changed, site_changed
from forum.markup import render_markdown
from forum.models import (
    PHASE_TRANSITIONS,
    Consultation,
    Phase,
    Topic,
)
from forum.search.services import search_index_consultation, search_index_topic

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def check_phase_transition(*, current: str, new: str) -> None:
    """Raise ValidationError unless a consultation may move from `current` to `new`."""
    if new != current and new not in PHASE_TRANSITIONS[current]:
        raise ValidationError(
            {
                "phase": _("A consultation cannot move from “%(current)s” to “%(new)s”.")
                % {"current": Phase(current).label, "new": Phase(new).label}
            },
            code="phase_transition",
        )


def _render_translations(instance: object, fields: dict[str, str]) -> None:
    for source, target in fields.items():
        for code in LANGUAGE_CODES:
            text = getattr(instance, f"{source}_{code}") or ""
            setattr(instance, f"{target}_{code}", render_markdown(text) if text else "")


@transaction.atomic
def consultation_save(*, consultation: Consultation) -> Consultation:
    """Organizers (through the admin) create or edit a consultation; renders its Markdown."""
    if consultation.pk:
        current = (
            Consultation.objects.select_for_update()
            .values_list("phase", flat=True)
            .get(pk=consultation.pk)
        )
        check_phase_transition(current=current, new=consultation.phase)
    _render_translations(consultation, {"framing": "framing_html", "background": "background_html"})
    consultation.full_clean()
    consultation.save()
    search_index_consultation(consultation)
    # The home page lists it; a changed slug takes its pages to new addresses.
    site_changed()
    return consultation


@transaction.atomic
def topic_save(*, topic: Topic) -> Topic:
    """Organizers (through the admin) create or edit a topic; renders its Markdown."""
    _render_translations(topic, {"context": "context_html"})
    topic.full_clean()
    # A topic moved to another consultation leaves the old one's pages too.
    before = Topic.objects.filter(pk=topic.pk).values_list("consultation_id", flat=True).first()
    topic.save()
    search_index_topic(topic)
    pages_changed(consultation_ids=[topic.consultation_id, *([before] if before else [])])
    return topic
