"""The API's query filters, read by hand: `?consultation=`, `?topic=`, `?stance=`,
`?position=`, `?phase=` and `?lang=`.

A value that names nothing the reader may see is refused with a 400 that says which
parameter and why, never an empty list that would leave a client guessing at a typo. A draft
consultation, or a position held for review, is refused in the same words as one that does
not exist, so that the answer tells nobody it is there.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from forum.inputs import ascii_int
from forum.models import Consultation, Phase, Position, Stance, Topic

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
LANGS = ("en", "ko")


def _param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return None if value is None else value.strip()


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _slug(value: str) -> bool:
    return bool(_SLUG.fullmatch(value))


def consultation_param(request: Request) -> Consultation | None:
    value = _param(request, "consultation")
    if value is None:
        return None
    consultation = (
        Consultation.objects.filter(slug=value).exclude(phase=Phase.DRAFT).first()
        if _slug(value)
        else None
    )
    if consultation is None:
        raise _refuse("consultation", _("No public consultation has this slug."))
    return consultation


def topic_param(request: Request) -> Topic | None:
    """`?topic=` as a topic id, or as `<consultation-slug>/<topic-slug>`."""
    value = _param(request, "topic")
    if value is None:
        return None
    topics = Topic.objects.exclude(consultation__phase=Phase.DRAFT).select_related("consultation")
    topic = None
    if (topic_id := ascii_int(value)) is not None:
        topic = topics.filter(pk=topic_id).first()
    elif value.count("/") == 1:
        consultation_slug, topic_slug = value.split("/")
        if _slug(consultation_slug) and _slug(topic_slug):
            topic = topics.filter(consultation__slug=consultation_slug, slug=topic_slug).first()
    if topic is None:
        raise _refuse(
            "topic",
            _(
                "No topic of a public consultation matches. Give a topic id, or "
                "consultation-slug/topic-slug."
            ),
        )
    return topic


def stance_param(request: Request, topic: Topic | None) -> Stance | None:
    value = _param(request, "stance")
    if value is None:
        return None
    if topic is None:
        raise _refuse("stance", _("A stance is one of a topic's: give the topic as well."))
    stance = Stance.objects.filter(topic=topic, key=value).first() if _slug(value) else None
    if stance is None:
        raise _refuse("stance", _("This topic offers no stance with this key."))
    return stance


def position_param(request: Request) -> int | None:
    """`?position=` as the id of a position this reader may know of (forum/visibility.py)."""
    value = _param(request, "position")
    if value is None:
        return None
    position_id = ascii_int(value)
    known = (
        Position.objects.visible_to(request.user)
        .exclude(topic__consultation__phase=Phase.DRAFT)
        .filter(pk=position_id)
    )
    if position_id is None or not known.exists():
        raise _refuse("position", _("No position you may see has this id."))
    return position_id


def phase_param(request: Request) -> str | None:
    value = _param(request, "phase")
    if value is None:
        return None
    if value == Phase.DRAFT or value not in Phase.values:
        raise _refuse("phase", _("The phase is one of: open, closed, summarised."))
    return value


def lang_param(request: Request) -> str | None:
    value = _param(request, "lang")
    if value is None:
        return None
    if value not in LANGS:
        raise _refuse("lang", _("The language is en or ko."))
    return value
