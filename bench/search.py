"""Search at 1,000,000 positions on PostgreSQL: p50/p95 of one- and two-word queries through
the real selector, beside a plain ILIKE '%word%' baseline, EXPLAIN (ANALYZE), and the time
`terms()` takes to analyse 1,000 positions.

Run by `make bench` (in a process of its own), or alone: `python -m bench.search`. It needs
PostgreSQL: `BENCH_SEARCH_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/…) names
the server; the bench creates and drops its own database, `agora_bench_search`.

The text is synthetic: sentences drawn from a small Korean and English vocabulary (nouns with
particles, verb forms, English words), never copied text. Analysing a million positions with
kiwipiepy would take most of an hour, so the documents are built from the vocabulary: each
vocabulary entry is analysed once with the real `terms()`, and a position's document is the
concatenation of its words' terms. Every noun carries a particle, so no two nouns are adjacent
and the shortcut is what `terms()` gives; the bench checks that on a sample and prints the
agreement.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSITIONS = int(os.environ.get("BENCH_SEARCH_POSITIONS", "1000000"))
TOPICS = 100
QUERIES = int(os.environ.get("BENCH_SEARCH_QUERIES", "200"))
BASELINE_QUERIES = int(os.environ.get("BENCH_SEARCH_BASELINE_QUERIES", "5"))
WORDS_PER_POSITION = (8, 20)
DATABASE = "agora_bench_search"

NOUNS = [
    "암호화",
    "수사",
    "기관",
    "감청",
    "영장",
    "법원",
    "메신저",
    "사업자",
    "정부",
    "국회",
    "시민",
    "개인정보",
    "프라이버시",
    "보안",
    "범죄",
    "피해자",
    "가해자",
    "증거",
    "통신",
    "서버",
    "기록",
    "데이터",
    "보관",
    "삭제",
    "열람",
    "요청",
    "협조",
    "의무",
    "권한",
    "감독",
    "위원회",
    "판사",
    "검찰",
    "경찰",
    "수사관",
    "전문가",
    "기술",
    "표준",
    "취약점",
    "백도어",
    "열쇠",
    "복호화",
    "종단간",
    "플랫폼",
    "텔레그램",
    "카카오",
    "공론장",
    "토론",
    "의견",
    "입장",
    "찬성",
    "반대",
    "조건",
    "예외",
    "제한",
    "기준",
    "절차",
    "투명성",
    "책임",
    "남용",
    "통제",
    "민주주의",
    "자유",
    "표현",
    "인권",
    "아동",
    "성착취",
    "착취물",
    "유포",
    "차단",
    "신고",
    "모니터링",
    "알고리즘",
    "인공지능",
    "법률",
    "개정",
    "시행령",
    "규제",
    "제재",
    "과징금",
    "벌금",
    "처벌",
    "형사",
    "민사",
    "소송",
    "판결",
    "헌법",
    "조항",
    "해석",
    "논란",
    "여론",
    "언론",
    "보도",
    "기사",
    "연구",
    "보고서",
    "통계",
    "조사",
    "설문",
    "응답",
    "결과",
    "분석",
    "비용",
    "효과",
    "위험",
    "안전",
    "신뢰",
    "불신",
    "협력",
    "국제",
    "해외",
    "사례",
    "영국",
    "미국",
    "유럽",
    "독일",
    "일본",
    "한국",
    "정책",
    "제도",
    "방안",
    "대안",
    "해결",
    "문제",
    "원인",
    "배경",
    "역사",
    "미래",
    "세대",
    "청소년",
    "학교",
    "교육",
    "부모",
    "가족",
    "사회",
    "공동체",
    "기업",
    "시장",
    "경쟁",
    "혁신",
    "산업",
    "일자리",
    "경제",
    "예산",
    "세금",
    "공공",
    "행정",
    "지방",
    "중앙",
    "권력",
    "분립",
    "견제",
    "균형",
]
# Each particle in its two spellings: after a final consonant, and after a vowel.
PARTICLES = [
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("의", "의"),
    ("에", "에"),
    ("에서", "에서"),
    ("도", "도"),
    ("만", "만"),
]
VERBS = [
    "필요하다",
    "중요하다",
    "위험하다",
    "지켜야 한다",
    "막아야 한다",
    "허용한다",
    "반대합니다",
    "찬성합니다",
    "요구했다",
    "보호해야 한다",
    "제한된다",
    "검토해야 한다",
    "늘어났다",
    "줄어든다",
    "달라진다",
    "어렵다",
    "쉽다",
    "분명하다",
]
ENGLISH = [
    "encryption",
    "privacy",
    "warrant",
    "investigation",
    "messenger",
    "backdoor",
    "security",
    "lawful",
    "access",
    "oversight",
    "court",
    "police",
    "evidence",
    "platform",
    "abuse",
    "child",
    "protection",
    "surveillance",
    "data",
    "retention",
    "transparency",
    "accountability",
    "policy",
    "proposal",
    "risk",
    "safety",
    "trust",
    "cooperation",
    "international",
    "standard",
    "key",
    "escrow",
    "decryption",
    "metadata",
    "server",
    "provider",
    "obligation",
    "regulation",
    "penalty",
    "democracy",
    "freedom",
    "expression",
    "rights",
    "victim",
    "offender",
    "report",
    "research",
    "analysis",
    "cost",
    "benefit",
    "exception",
    "condition",
    "limit",
    "procedure",
    "judge",
    "prosecutor",
]


def _server_url() -> str:
    return os.environ.get(
        "BENCH_SEARCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )


def _database_url(name: str) -> str:
    parts = urlsplit(_server_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as connection:
        connection.execute(sql)


def _setup() -> bool:
    try:
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        _admin(f"CREATE DATABASE {DATABASE}")
    except Exception as error:  # any failure to reach PostgreSQL: say so and skip
        print(f"Search bench skipped: it needs PostgreSQL ({error.__class__.__name__}: {error}).")
        return False
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["DATABASE_URL"] = _database_url(DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return True


SYLLABLES = "가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추"
LATIN_SYLLABLES = ["ka", "ro", "mi", "ten", "sol", "var", "nu", "lex", "dor", "pri", "ve", "tas"]
TAIL = 3_000


def _korean_tail(terms) -> list[str]:
    """Made-up three-syllable nouns the analyser keeps whole: the rare words of real text."""
    import itertools

    words = []
    for letters in itertools.product(SYLLABLES, repeat=3):
        word = "".join(letters)
        if terms(word + "는") == [word] or terms(word + "은") == [word]:
            words.append(word)
            if len(words) == TAIL:
                break
    return words


def _latin_tail() -> list[str]:
    import itertools

    return ["".join(p) for p in itertools.product(LATIN_SYLLABLES, repeat=4)][:TAIL]


class Vocabulary:
    """The words positions are made of, each with the terms `terms()` gives it: real policy
    words first (the frequent ones), then made-up Korean and Latin words (the long tail)."""

    def __init__(self) -> None:
        from forum.search.analysis import terms

        self.words: list[str] = []
        self.terms: list[str] = []
        self.korean_tail = _korean_tail(terms)
        self.latin_tail = _latin_tail()
        for noun in NOUNS:
            final_consonant = (ord(noun[-1]) - 0xAC00) % 28 != 0
            for after_consonant, after_vowel in PARTICLES:
                self._add(noun + (after_consonant if final_consonant else after_vowel), terms)
        for verb in VERBS:
            self._add(verb, terms)
        for word in ENGLISH:
            self._add(word, terms)
        self.head = len(self.words)
        for noun in self.korean_tail:
            self._add(noun + ("는" if terms(noun + "는") == [noun] else "은"), terms)
        for word in self.latin_tail:
            self._add(word, terms)

    def _add(self, word: str, terms) -> None:
        self.words.append(word)
        self.terms.append(" ".join(terms(word)))


def _texts(vocabulary: Vocabulary, count: int, seed: int):
    """(claim, body, document) for `count` positions, words drawn with a Zipf-like skew."""
    import numpy as np

    rng = np.random.default_rng(seed)
    size = len(vocabulary.words)
    # Zipf over ranks: the real words (first) are the frequent ones, shuffled among themselves.
    weights = 1.0 / np.arange(1, size + 1)
    head = vocabulary.head
    order = np.concatenate([rng.permutation(head), head + rng.permutation(size - head)])
    probabilities = np.empty(size)
    probabilities[order] = weights / weights.sum()
    low, high = WORDS_PER_POSITION
    lengths = rng.integers(low, high + 1, size=count)
    picks = rng.choice(size, size=int(lengths.sum()), p=probabilities)
    words, terms = vocabulary.words, vocabulary.terms
    offset = 0
    for length in lengths:
        chosen = picks[offset : offset + length]
        offset += length
        body_words = [words[i] for i in chosen]
        # The service analyses the title (the claim: the first five words) and the text.
        document = " ".join(terms[i] for i in [*chosen[:5], *chosen] if terms[i])
        claim = " ".join(body_words[:5])
        yield claim, " ".join(body_words) + ".", document


def _copy(cursor, sql: str, rows) -> None:
    with cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def build(vocabulary: Vocabulary) -> dict:
    from django.db import connection
    from django.utils import timezone

    from forum.models import Consultation, Phase, Stance, Topic, User

    consultation = Consultation.objects.create(
        slug="bench-search", title_en="Search bench", title_ko="검색 벤치", phase=Phase.OPEN
    )
    topics, stances = [], []
    for index in range(TOPICS):
        topic = Topic.objects.create(
            consultation=consultation, slug=f"t{index}", question_en=f"Question {index}?"
        )
        topics.append(topic)
        stances.append(
            [
                Stance.objects.create(topic=topic, key=f"s{k}", label_en=f"Stance {k}", order=k)
                for k in range(3)
            ]
        )
    authors_per_topic = -(-POSITIONS // TOPICS)
    users = User.objects.bulk_create(
        (User(username=f"b{i}", pseudonym_key=f"b{i}") for i in range(authors_per_topic)),
        batch_size=5_000,
    )
    now = timezone.now()
    start = time.perf_counter()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("SET maintenance_work_mem = '512MB'")
        # Indexes are built once after the load, as a bulk import would.
        cursor.execute("DROP INDEX searchentry_vector")
        cursor.execute("DROP INDEX searchentry_title_trigram")
        positions, entries = [], []
        for number, (claim, body, document) in enumerate(
            _texts(vocabulary, POSITIONS, seed=12), start=1
        ):
            topic_index = number % TOPICS
            topic = topics[topic_index]
            stance = stances[topic_index][number % 3]
            author = users[(number // TOPICS) % len(users)]
            lang = "en" if claim.isascii() else "ko"
            positions.append(
                (
                    number,
                    topic.pk,
                    author.pk,
                    stance.pk,
                    claim,
                    body,
                    f"<p>{body}</p>",
                    lang,
                    now,
                    "visible",
                    "",
                )
            )
            entries.append(
                (
                    "position",
                    consultation.pk,
                    topic.pk,
                    stance.pk,
                    number,
                    lang,
                    claim,
                    body,
                    document,
                    now,
                    now,
                )
            )
            if len(positions) == 50_000 or number == POSITIONS:
                _copy(
                    cursor,
                    "COPY forum_position (id, topic_id, author_id, stance_id, claim, body,"
                    " body_html, lang, created_at, moderation_status, moderation_reason)"
                    " FROM STDIN",
                    positions,
                )
                _copy(
                    cursor,
                    "COPY forum_searchentry (kind, consultation_id, topic_id, stance_id,"
                    " position_id, lang, title, text, document, published_at, updated_at)"
                    " FROM STDIN",
                    entries,
                )
                positions, entries = [], []
                print(f"\r  {number:,} positions written", end="", flush=True)
        print()
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        cursor.execute(
            "CREATE INDEX searchentry_vector ON forum_searchentry USING gin (search_vector)"
        )
        cursor.execute(
            "CREATE INDEX searchentry_title_trigram ON forum_searchentry"
            " USING gin (UPPER(title) gin_trgm_ops)"
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('forum_position', 'id'), %s)", [POSITIONS]
        )
        cursor.execute("VACUUM ANALYZE")
        indexed = time.perf_counter() - start
    return {"load": loaded, "index": indexed}


def _percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95


def _queries(pool: list[str], count: int, words: int, seed: int) -> list[str]:
    import random

    chooser = random.Random(seed)  # noqa: S311 -- sampling queries, not secrets
    return [" ".join(chooser.sample(pool, words)) for _ in range(count)]


def _time_selector(queries: list[str]) -> list[float]:
    from django.contrib.auth.models import AnonymousUser

    from forum.search import selectors

    filters = selectors.Filters()
    timings = []
    for text in queries:
        start = time.perf_counter()
        query = selectors.parse_query(text)
        found = selectors.search(user=AnonymousUser(), query=query, filters=filters, page=1)
        assert found.query is query
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _time_ilike(queries: list[str]) -> list[float]:
    """What search without an index costs: the count and the first page, by ILIKE."""
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for text in queries:
            words = text.split()
            condition = " AND ".join(["(claim ILIKE %s OR body ILIKE %s)"] * len(words))
            params = [p for word in words for p in (f"%{word}%", f"%{word}%")]
            start = time.perf_counter()
            # The condition is this function's own text; the words go in as parameters.
            count = f"SELECT count(*) FROM forum_position WHERE {condition}"  # noqa: S608
            cursor.execute(count, params)
            cursor.fetchone()
            first_page = (
                f"SELECT id, claim FROM forum_position WHERE {condition}"  # noqa: S608
                " ORDER BY created_at DESC, id DESC LIMIT 20"
            )
            cursor.execute(first_page, params)
            cursor.fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def _agreement(vocabulary: Vocabulary) -> tuple[float, float]:
    """How close the vocabulary-built documents are to what `terms()` gives the whole text:
    the share of documents that are the same, and the share of terms both have. The analyser
    reads a word in its sentence, so a few come out otherwise than alone ("보고서도")."""
    from collections import Counter

    from forum.search.analysis import terms

    same = shared = total = 0
    for claim, body, document in _texts(vocabulary, 1_000, seed=99):
        real, built = Counter(terms(f"{claim}\n{body}")), Counter(document.split())
        same += real == built
        shared += sum((real & built).values())
        total += sum((real | built).values())
    return same / 1_000, shared / total


def _analysis_time(vocabulary: Vocabulary) -> float:
    from forum.search.analysis import document

    sample = list(_texts(vocabulary, 1_000, seed=7))
    document("워밍업")
    start = time.perf_counter()
    for claim, body, _document in sample:
        document(f"{claim}\n{body}")
    return time.perf_counter() - start


def main() -> None:
    if not _setup():
        return
    try:
        _run()
    finally:
        from django.db import connections

        connections.close_all()
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def _run() -> None:
    from django.contrib.auth.models import AnonymousUser

    from forum.search import selectors

    print(f"Search at {POSITIONS:,} positions (PostgreSQL, synthetic Korean and English):")
    vocabulary = Vocabulary()
    seconds = _analysis_time(vocabulary)
    print(f"  terms() for 1,000 positions: {seconds:.2f} s ({seconds:.2f} ms a position)")
    documents, shared = _agreement(vocabulary)
    print(
        "  documents built from the vocabulary, against terms() on 1,000 positions:"
        f" {documents:.0%} identical, {shared:.1%} of terms shared"
    )
    figures = build(vocabulary)
    print(
        f"  load (COPY): {figures['load']:.0f} s; GIN and trigram indexes: {figures['index']:.0f} s"
    )
    rows = []
    # Query words as people type them: a noun without its particle, an English word. Drawn
    # from the whole vocabulary (mostly rare words, as real queries are), and separately from
    # the 200 frequent words only (each in 1-10% of positions: the worst case).
    everything = [*NOUNS, *ENGLISH, *vocabulary.korean_tail, *vocabulary.latin_tail]
    for pool_name, pool in (("any", everything), ("frequent", [*NOUNS, *ENGLISH])):
        for words in (1, 2):
            queries = _queries(pool, QUERIES, words, seed=words)
            _time_selector(queries[:10])  # warm the cache and the analyser
            search = _percentiles(_time_selector(queries))
            baseline = _percentiles(_time_ilike(queries[:BASELINE_QUERIES]))
            rows.append((f"{words} {pool_name} word{'s' if words > 1 else ''}", search, baseline))
    print(
        f"  {'query':16} {'search p50':>11} {'p95':>8} {'ILIKE p50':>11} {'p95':>9}"
        f" {'p95 ratio':>10}"
    )
    for name, (p50, p95), (b50, b95) in rows:
        print(f"  {name:16} {p50:9.1f}ms {p95:6.1f}ms {b50:9.0f}ms {b95:7.0f}ms {b95 / p95:9.0f}×")
    print(
        f"  (search: {QUERIES} queries each, count and first page through forum.search.selectors;"
        f" ILIKE: {BASELINE_QUERIES} each, count and first page over claim and body)"
    )
    query = selectors.parse_query("암호화 수사")
    entries = selectors.matching_entries(user=AnonymousUser(), query=query)
    candidates = entries.order_by().values_list("pk", "rank", "published_at")[
        : selectors.COUNT_LIMIT + 1
    ]
    print("\nEXPLAIN (ANALYZE) of the candidates for “암호화 수사” (they stop at the limit):")
    print(candidates.explain(analyze=True))
    if len(candidates) > selectors.COUNT_LIMIT:
        entries = entries.order_by("-published_at", "-pk")
    print("\nEXPLAIN (ANALYZE) of its first page, as selectors.search orders it:")
    print(entries[:20].explain(analyze=True))


if __name__ == "__main__":
    main()
