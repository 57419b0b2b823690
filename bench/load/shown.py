"""After a run: the counts the pages show equal COUNT(*) in the database. One line per check.

The topic page is read anonymously, after the page cache's lifetime (vote and reply tallies
may be that old by design); the moderation queue as a moderator."""

from __future__ import annotations

import re
import time
from collections import Counter

from bench.cluster.launcher import NGINX_PORT
from bench.cluster.web import Browser

_CARD = re.compile(r'<article class="card position-card[^"]*" id="position-(\d+)"')
_VOTES = re.compile(r'data-count="(agree|disagree|pass)">\w+ (\d+)<')
_REPLIES = re.compile(r'#discussion">(\d+) repl')
_STANCE = re.compile(
    r'href="\?stance=([^"]+)"[^>]*>.*?<span class="stance-count">\((\d+)\)</span>', re.S
)
_PAGES = re.compile(r"Page \d+ of (\d+)")
_VALUES = {1: "agree", -1: "disagree", 0: "pass"}


def topic_cards(html: str) -> dict[int, dict[str, int]]:
    """Each card's position id with what it shows: agree, disagree, pass and replies (a
    placeholder card shows only replies)."""
    cards = {}
    starts = [(m.start(), int(m.group(1))) for m in _CARD.finditer(html)]
    for (start, pk), (end, _next) in zip(starts, [*starts[1:], (len(html), 0)], strict=True):
        card = html[start:end]
        shown = {kind: int(n) for kind, n in _VOTES.findall(card)}
        replies = _REPLIES.search(card)
        if replies:
            shown["replies"] = int(replies.group(1))
        cards[pk] = shown
    return cards


def stance_counts(html: str) -> dict[str, int]:
    return {key: int(n) for key, n in _STANCE.findall(html)}


def _read_topic(url: str) -> tuple[dict[int, dict[str, int]], dict[str, int]]:
    browser = Browser(NGINX_PORT)
    first = browser.get(url)
    pages = int(_PAGES.search(first.body).group(1)) if _PAGES.search(first.body) else 1
    cards = topic_cards(first.body)
    for number in range(2, pages + 1):
        cards.update(topic_cards(browser.get(f"{url}?page={number}").body))
    browser.close()
    return cards, stance_counts(first.body)


def _counted(topic) -> tuple[dict[int, dict[str, int]], dict[str, int], int]:
    """What COUNT(*) says: per position votes by value and published replies, published
    positions per stance, and how many cards an anonymous reader should see. (Each GROUP BY
    clears the models' default ordering, which would otherwise split the groups.)"""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count

    from forum.models import Position, Reply, Vote

    visible = Position.objects.filter(topic=topic).visible_to(AnonymousUser())
    per_position: dict[int, dict[str, int]] = {
        pk: {} for pk in visible.values_list("pk", flat=True)
    }
    for pk, value, n in (
        Vote.objects.filter(position__topic=topic)
        .order_by()
        .values_list("position_id", "value")
        .annotate(n=Count("pk"))
    ):
        per_position.setdefault(pk, {})[_VALUES[value]] = n
    replies = Counter(
        dict(
            Reply.objects.public()
            .filter(object_pk__in=[str(pk) for pk in per_position])
            .order_by()
            .values_list("object_pk")
            .annotate(n=Count("pk"))
        )
    )
    for pk, shown in per_position.items():
        shown["replies"] = replies[str(pk)]
    stances = dict(
        Position.objects.public()
        .filter(topic=topic)
        .order_by()
        .values_list("stance__key")
        .annotate(n=Count("pk"))
    )
    return per_position, stances, visible.count()


def _differences(cards, counted) -> list[str]:
    return [
        f"position {pk}: {kind} shown {shown[kind]}, counted {counted.get(pk, {}).get(kind, 0)}"
        for pk, shown in cards.items()
        for kind in shown
        if shown[kind] != counted.get(pk, {}).get(kind, 0)
    ]


def _line(ok: bool, text: str, differences: list[str]) -> str:
    shown = f"; first: {'; '.join(differences[:3])}" if differences else ""
    return f"{'PASS' if ok else 'FAIL'}  {text}{shown}"


def topic_lines(topic_url: str) -> list[str]:
    """Vote tallies and reply counts on every card, and positions per stance, against COUNT(*)."""
    from django.conf import settings

    from forum.models import Topic

    time.sleep(settings.AGORA_PAGE_CACHE_SECONDS + 1)
    topic = Topic.objects.get(consultation__slug="load", slug="load")
    cards, stances = _read_topic(topic_url)
    counted, counted_stances, expected_cards = _counted(topic)
    votes = {pk: {k: v for k, v in c.items() if k != "replies"} for pk, c in cards.items()}
    replies = {pk: {"replies": c["replies"]} for pk, c in cards.items() if "replies" in c}
    vote_diff, reply_diff = _differences(votes, counted), _differences(replies, counted)
    shown_votes = sum(sum(c.values()) for c in votes.values())
    shown_replies = sum(c["replies"] for c in replies.values())
    stance_diff = [
        f"{key}: shown {stances.get(key)}, counted {counted_stances.get(key, 0)}"
        for key in {*stances, *counted_stances}
        if stances.get(key) != counted_stances.get(key, 0)
    ]
    return [
        _line(
            len(cards) == expected_cards,
            f"cards on the topic's pages = positions an anonymous reader may know: "
            f"{len(cards)} = {expected_cards}",
            [],
        ),
        _line(
            not vote_diff,
            f"vote tallies on cards = COUNT(*) of votes: {shown_votes} shown on {len(votes)} "
            f"cards, {len(vote_diff)} tallies differ",
            vote_diff,
        ),
        _line(
            not reply_diff,
            f"reply counts on cards = COUNT(*) of published replies: {shown_replies} shown, "
            f"{len(reply_diff)} cards differ",
            reply_diff,
        ),
        _line(
            not stance_diff,
            f"positions per stance = COUNT(*): {dict(sorted(stances.items()))}",
            stance_diff,
        ),
    ]


def report_lines(run_tag: str) -> list[str]:
    """The moderation queue, read by the demo's moderator, lists each of the run's open
    reports once: the reports shown against COUNT(*) of Report rows."""
    from django.conf import settings

    from bench.cluster.accounts import session_of
    from forum.management.commands.seed_demo import MODERATOR
    from forum.models import User
    from moderation.models import Report

    moderator = User.objects.get(username=MODERATOR["pseudonym"])
    browser = Browser(NGINX_PORT)
    browser.cookies[settings.SESSION_COOKIE_NAME] = session_of(moderator)
    marker = f"Load report {run_tag}"
    shown, number = 0, 1
    while True:
        page = browser.get(f"/moderation/queue/?reason=other&page={number}")
        if page.status != 200:
            break
        shown += page.body.count(f"“{marker}")
        if 'rel="next"' not in page.body:
            break
        number += 1
    browser.close()
    counted = Report.objects.filter(text__startswith=marker, resolved_at__isnull=True).count()
    return [
        _line(
            shown == counted,
            f"the run's reports in the moderation queue = COUNT(*) of open reports: "
            f"{shown} = {counted} ({number} queue pages)",
            [],
        )
    ]
