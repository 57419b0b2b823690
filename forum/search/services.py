"""Writes of the search index: one entry per consultation, topic, position and reply.

Called by the services that save the content, inside their transactions, so an entry never
lags behind its text; `search_reindex` rebuilds them all (after a bulk import, or when the
analysis changes). Entries never hold an author's name.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from forum.models import Consultation, Position, Reply, Topic
from forum.search.analysis import document
from forum.search.models import Kind, SearchEntry

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _plain(rendered_html: str) -> str:
    """The text a reader sees of sanitised HTML, for snippets: no tags, entities decoded."""
    return html.unescape(strip_tags(rendered_html)).strip()


def _translations(instance: object, field: str) -> list[str]:
    """Every translation of a field, once each (an untranslated field repeats English)."""
    texts: list[str] = []
    for code in LANGUAGE_CODES:
        text = (getattr(instance, f"{field}_{code}", "") or "").strip()
        if text and text not in texts:
            texts.append(text)
    return texts


def _entry_save(*, kind: str, lookup: dict, **fields) -> SearchEntry:
    fields["document"] = document(f"{fields['title']}\n{fields['text']}")
    fields["updated_at"] = timezone.now()
    entry = SearchEntry.objects.select_for_update().filter(kind=kind, **lookup).first()
    if entry is None:
        entry = SearchEntry(kind=kind, **lookup)
    for name, value in fields.items():
        setattr(entry, name, value)
    # The foreign keys are ours, not typed: the database checks them, without a query each.
    entry.full_clean(
        exclude=["consultation", "topic", "stance", "position", "reply"], validate_constraints=False
    )
    if entry.pk is None:
        entry.save()
    else:
        entry.save(update_fields=list(fields))
    return entry


@transaction.atomic
def search_index_consultation(consultation: Consultation) -> SearchEntry:
    """The consultation services index what they save: its title and framing, every language."""
    texts = [
        _plain(html_text)
        for field in ("framing_html", "background_html")
        for html_text in _translations(consultation, field)
    ]
    return _entry_save(
        kind=Kind.CONSULTATION,
        lookup={"consultation": consultation},
        title=" · ".join(_translations(consultation, "title")),
        text="\n".join(texts),
        lang="",
        published_at=consultation.created_at,
    )


@transaction.atomic
def search_index_topic(topic: Topic) -> SearchEntry:
    """The topic service indexes its question and context, every language."""
    return _entry_save(
        kind=Kind.TOPIC,
        lookup={"topic": topic},
        consultation_id=topic.consultation_id,
        title=" · ".join(_translations(topic, "question")),
        text="\n".join(_plain(text) for text in _translations(topic, "context_html")),
        lang="",
        published_at=topic.consultation.created_at,
    )


@transaction.atomic
def search_index_position(position: Position) -> SearchEntry:
    """The position services index its claim and argument (posted or revised)."""
    return _entry_save(
        kind=Kind.POSITION,
        lookup={"position": position},
        consultation_id=position.topic.consultation_id,
        topic_id=position.topic_id,
        stance_id=position.stance_id,
        title=position.claim,
        text=_plain(position.body_html),
        lang=position.lang,
        published_at=position.created_at,
    )


@transaction.atomic
def search_index_reply(reply: Reply, *, position: Position | None = None) -> SearchEntry:
    """The discussion services index a reply once it is written; `position` is the one it
    answers (read from the reply when not given)."""
    position = position or Position.objects.select_related("topic").get(pk=int(reply.object_pk))
    return _entry_save(
        kind=Kind.REPLY,
        lookup={"reply": reply},
        consultation_id=position.topic.consultation_id,
        topic_id=position.topic_id,
        position_id=position.pk,
        title="",
        text=_plain(reply.comment_html),
        lang=reply.lang,
        published_at=reply.submit_date,
    )


@transaction.atomic
def search_unindex(content: Consultation | Topic | Position | Reply) -> int:
    """Drop the entry of content that no longer exists for anyone (deleting the content
    drops it too, by cascade). Returns how many were dropped."""
    kind = {
        Consultation: Kind.CONSULTATION,
        Topic: Kind.TOPIC,
        Position: Kind.POSITION,
        Reply: Kind.REPLY,
    }[type(content)]
    deleted, _by_model = SearchEntry.objects.filter(kind=kind, **{kind: content}).delete()
    return deleted


def search_unindex_erased(*, positions, replies) -> int:
    """Account deletion erases text (forum/accounts/deletion.py): its entries go, since the
    words they were found by are no one's any more. Querysets in, one DELETE each."""
    dropped, _ = SearchEntry.objects.filter(kind=Kind.POSITION, position__in=positions).delete()
    more, _ = SearchEntry.objects.filter(kind=Kind.REPLY, reply__in=replies).delete()
    return dropped + more


def search_reindex(*, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Rebuild every entry (`manage.py search_reindex`, and the demo's seed): each kind in
    batches of its own transaction. Returns how many entries were written."""
    written = 0
    kinds: list[tuple[str, Iterable, Callable]] = [
        (Kind.CONSULTATION, Consultation.objects.order_by("pk"), search_index_consultation),
        (
            Kind.TOPIC,
            Topic.objects.select_related("consultation").order_by("pk"),
            search_index_topic,
        ),
        (
            Kind.POSITION,
            Position.objects.select_related("topic").order_by("pk"),
            search_index_position,
        ),
        (Kind.REPLY, _replies(), _reply_indexer()),
    ]
    for kind, rows, index in kinds:
        rows = list(rows)
        for number, row in enumerate(rows, start=1):
            index(row)
            written += 1
            if progress and (number % 200 == 0 or number == len(rows)):
                progress(kind, number, len(rows))
    return written


def _replies():
    return Reply.norel_objects.filter(
        content_type__app_label="forum", content_type__model="position"
    ).order_by("pk")


def _reply_indexer() -> Callable[[Reply], SearchEntry]:
    positions: dict[int, Position] = {}

    def index(reply: Reply) -> SearchEntry:
        position_id = int(reply.object_pk)
        if position_id not in positions:
            positions[position_id] = Position.objects.select_related("topic").get(pk=position_id)
        return search_index_reply(reply, position=positions[position_id])

    return index
