"""Reads of search: the results page's query, filters and results.

Who may see a result is decided by forum/visibility.py at query time: an entry is a result
only when its content is readable by this person (`readable_by`), never when it is held for
review, and never in a draft consultation, whoever asks. Matching is the database's own
full-text index (forum/search/models.py); both databases get the same analysed words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.urls import reverse
from django.utils.safestring import SafeString

from forum.models import Consultation, Phase, SearchEntry, Stance, Topic
from forum.search.analysis import Group, query_groups, squeeze
from forum.search.highlight import marked, snippet
from forum.search.models import Kind
from forum.visibility import known_through, readable_through
from moderation.models import ModerationStatus

QUERY_MAX_LENGTH = 200
RESULTS_PER_PAGE = 20
# How far the results are counted (and paged): fifty pages.
COUNT_LIMIT = 1_000
# Shorter queries are no name to look for: a two-letter substring is everywhere, and
# trigrams need three characters to use their index.
TITLE_MATCH_MIN_LENGTH = 3
TITLE_MATCH_WEIGHT = 0.5


@dataclass(frozen=True)
class Query:
    text: str
    truncated: bool
    groups: list[Group]

    @property
    def terms(self) -> list[str]:
        seen: list[str] = []
        for group in self.groups:
            seen.extend(term for term in group.terms if term not in seen)
        return seen

    @property
    def matches_titles(self) -> bool:
        return len(self.text) >= TITLE_MATCH_MIN_LENGTH


def parse_query(raw: str) -> Query:
    """The query as searched: control characters out, spaces squeezed, 200 characters at most
    (the page says when it cut), and the words it asks for."""
    text = squeeze(raw or "")
    truncated = len(text) > QUERY_MAX_LENGTH
    text = text[:QUERY_MAX_LENGTH].strip()
    return Query(text=text, truncated=truncated, groups=query_groups(text) if text else [])


# Filters -------------------------------------------------------------------------------------


@dataclass
class Filters:
    consultation: Consultation | None = None
    topic: Topic | None = None
    stance: Stance | None = None
    kind: str = ""
    consultations: list[Consultation] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    # The filters given that name nothing searchable; the page says they were left out.
    ignored: list[str] = field(default_factory=list)


def search_filters(*, consultation: str, topic: str, stance: str, kind: str) -> Filters:
    """The filter choices (public consultations, the chosen one's topics, the chosen topic's
    stances) and what the request chose among them. One query per level shown."""
    from forum.inputs import ascii_int

    filters = Filters()
    filters.consultations = list(Consultation.objects.exclude(phase=Phase.DRAFT))
    if consultation:
        filters.consultation = next(
            (c for c in filters.consultations if c.slug == consultation), None
        )
        if filters.consultation is None:
            filters.ignored.append("consultation")
    if filters.consultation is not None:
        filters.topics = list(Topic.objects.filter(consultation=filters.consultation))
        for each in filters.topics:
            each.consultation = filters.consultation
    if topic:
        topic_id = ascii_int(topic)
        filters.topic = next((t for t in filters.topics if t.pk == topic_id), None)
        if filters.topic is None:
            filters.ignored.append("topic")
    if filters.topic is not None:
        filters.stances = list(filters.topic.stances.all())
    if stance:
        stance_id = ascii_int(stance)
        filters.stance = next((s for s in filters.stances if s.pk == stance_id), None)
        if filters.stance is None:
            filters.ignored.append("stance")
    if kind:
        if kind in Kind.values:
            filters.kind = kind
        else:
            filters.ignored.append("kind")
    return filters


# Matching ------------------------------------------------------------------------------------


def _tsquery(groups: list[Group]) -> str:
    """A tsquery from analysed words only (\\w+, so no quote or operator can come in)."""

    def lexeme(term: str) -> str:
        return "'" + term.replace("'", "") + "'"

    parts = []
    for group in groups:
        every = " & ".join(lexeme(term) for term in group.parts)
        parts.append(f"({lexeme(group.compound)} | {every})" if group.compound else every)
    return " & ".join(parts)


def _fts5_query(groups: list[Group]) -> str:
    """An FTS5 query with every word quoted, so none is read as FTS5 syntax."""

    def phrase(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    parts = []
    for group in groups:
        every = " AND ".join(phrase(term) for term in group.parts)
        parts.append(f"({phrase(group.compound)} OR ({every}))" if group.compound else f"({every})")
    return " AND ".join(parts)


class _EntrySQL(Expression):
    """SQL on the entry table's index columns, which are no model fields (so no F()): written
    with `{entry}` for the table, filled with its alias in this query, so that the same
    condition is right in a subquery too (where the table is aliased U0, not its name)."""

    def __init__(self, template: str, params: list, output_field) -> None:
        super().__init__(output_field=output_field)
        self.template, self.params = template, params

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.replace("{entry}", alias), list(self.params)


def _text_match(groups: list[Group]) -> tuple[Expression, Expression]:
    """The condition and the rank of a full-text match, in this database's terms."""
    if connection.vendor == "postgresql":
        query = _tsquery(groups)
        condition = _EntrySQL(
            "{entry}.search_vector @@ to_tsquery('english'::regconfig, %s)",
            [query],
            output_field=BooleanField(),
        )
        # Normalisation 1: a long document does not win only by being long.
        rank = _EntrySQL(
            "ts_rank_cd({entry}.search_vector, to_tsquery('english'::regconfig, %s), 1)",
            [query],
            output_field=FloatField(),
        )
        return condition, rank
    query = _fts5_query(groups)
    condition = _EntrySQL(
        "{entry}.id IN (SELECT rowid FROM forum_searchentry_fts"
        " WHERE forum_searchentry_fts MATCH %s)",
        [query],
        output_field=BooleanField(),
    )
    # bm25() is lower for better matches.
    rank = _EntrySQL(
        "COALESCE((SELECT -bm25(forum_searchentry_fts) FROM forum_searchentry_fts"
        " WHERE forum_searchentry_fts MATCH %s AND rowid = {entry}.id), 0)",
        [query],
        output_field=FloatField(),
    )
    return condition, rank


def _readable(user) -> Q:
    """Entries this person may read, by the visibility rule's conditions joined through the
    entry's keys (forum/visibility.py), so the cost follows the matches, not the forum. Held
    content is never a result, not even for its author or a moderator: a search page is no
    place to review it."""
    positions = (
        Q(kind=Kind.POSITION)
        & readable_through(user, prefix="position__", author_field="author_id")
        & ~Q(position__moderation_status=ModerationStatus.HELD)
    )
    replies = (
        Q(kind=Kind.REPLY)
        & readable_through(user, prefix="reply__", author_field="user_id")
        & ~Q(reply__moderation_status=ModerationStatus.HELD)
        # The position it answers: a reply under a placeholder stays readable.
        & known_through(user, prefix="position__", author_field="author_id")
        & ~Q(position__moderation_status=ModerationStatus.HELD)
    )
    return Q(kind__in=[Kind.CONSULTATION, Kind.TOPIC]) | positions | replies


def matching_entries(*, user, query: Query, filters: Filters | None = None) -> QuerySet:
    """Entries this person may read that match `query`, best first (the bench times this)."""
    entries = SearchEntry.objects.exclude(consultation__phase=Phase.DRAFT)
    if filters is not None:
        if filters.consultation is not None:
            entries = entries.filter(consultation=filters.consultation)
        if filters.topic is not None:
            entries = entries.filter(topic=filters.topic)
        if filters.stance is not None:
            entries = entries.filter(stance=filters.stance)
        if filters.kind:
            entries = entries.filter(kind=filters.kind)
    match = Q(pk__in=[])
    rank = Value(0.0, output_field=FloatField())
    if query.groups:
        condition, text_rank = _text_match(query.groups)
        match |= Q(condition)
        rank = text_rank
    if query.matches_titles:
        # Names and partial words ("encrypt", a pseudonym-free title): PostgreSQL answers
        # from the trigram index on UPPER(title), which is what icontains compares.
        title = Q(title__icontains=query.text)
        match |= title
        rank = rank + Case(
            When(title, then=Value(TITLE_MATCH_WEIGHT)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    matched = entries.filter(match)
    return (
        matched.filter(_readable(user))
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-pk")
    )


# Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title: SafeString
    url: str
    consultation: Consultation
    topic: Topic | None
    stance: Stance | None
    date: datetime
    snippet: SafeString
    lang: str


@dataclass
class SearchPage:
    query: Query
    filters: Filters
    results: list[Result]
    total: int = 0
    number: int = 1
    num_pages: int = 1
    past_end: bool = False
    more: bool = False  # more matches than COUNT_LIMIT

    @property
    def has_previous(self) -> bool:
        return 1 < self.number <= self.num_pages

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _result(entry: SearchEntry, terms: list[str]) -> Result:
    consultation, topic = entry.consultation, entry.topic
    if topic is not None:
        topic.consultation = consultation  # the breadcrumb's link, without a query
    if entry.kind == Kind.CONSULTATION:
        title, url = consultation.title, consultation.get_absolute_url()
    elif entry.kind == Kind.TOPIC:
        title, url = topic.question, topic.get_absolute_url()
    elif entry.kind == Kind.POSITION:
        title = entry.title
        url = reverse(
            "forum:position",
            kwargs={
                "consultation_slug": consultation.slug,
                "topic_slug": topic.slug,
                "pk": entry.position_id,
            },
        )
    else:
        # Not the claim of the position it answers: that may be hidden while the reply is not.
        title = entry.text[:80]
        url = reverse("forum:reply", kwargs={"pk": entry.reply_id})
    return Result(
        kind=entry.kind,
        kind_label=Kind(entry.kind).label,
        title=marked(title, terms),
        url=url,
        consultation=consultation,
        topic=topic,
        stance=entry.stance,
        date=entry.published_at,
        snippet=snippet(entry.text, terms),
        lang=entry.lang,
    )


def search(*, user, query: Query, filters: Filters, page: int) -> SearchPage:
    """One page of results in two queries (none for an empty query): the candidates, then
    the page's rows.

    The candidates are at most COUNT_LIMIT + 1 matches, each with its rank: they are the
    count, and, when there are no more, the ranking, done here, so that the match and the
    visibility joins run once. Past COUNT_LIMIT (a common word), counting and ranking every
    match would cost more than anyone reading twenty results a page needs: the results come
    newest first, from an index, and the page says so and suggests a narrower search."""
    found = SearchPage(query=query, filters=filters, results=[], number=page)
    if not query.text:
        return found
    entries = matching_entries(user=user, query=query, filters=filters)
    candidates = list(
        entries.order_by().values_list("pk", "rank", "published_at")[: COUNT_LIMIT + 1]
    )
    found.total = min(len(candidates), COUNT_LIMIT)
    found.more = len(candidates) > COUNT_LIMIT
    found.num_pages = max(1, -(-found.total // RESULTS_PER_PAGE))
    if page > found.num_pages:
        found.past_end = found.total > 0
        return found
    start = (page - 1) * RESULTS_PER_PAGE
    end = min(start + RESULTS_PER_PAGE, found.total)  # the pages end where the count did
    related = ("consultation", "topic", "stance")
    if found.more:
        # Ranking every match of a common word means reading every one of them; the newest
        # come from an index, and the page says that is their order.
        entries = list(entries.select_related(*related).order_by("-published_at", "-pk")[start:end])
    else:
        # The order matching_entries gives: best rank, then newest, then the latest id.
        candidates.sort(key=lambda c: (-c[1], -c[2].timestamp(), -c[0]))
        chosen = [pk for pk, _rank, _date in candidates[start:end]]
        by_pk = SearchEntry.objects.select_related(*related).in_bulk(chosen)
        entries = [by_pk[pk] for pk in chosen]
    terms = query.terms
    found.results = [_result(entry, terms) for entry in entries]
    return found
