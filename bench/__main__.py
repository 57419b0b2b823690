"""`make bench`: requests per second of Agora's pages beside a minimal Django view.

Pages: home, consultation, topic pages with 20 and 2,000 positions, and position pages with no
discussion and with 500 replies (100 threads of 5, three levels deep, likes on a third).
Then the opinion map's computation at 10,000 and 100,000 participants (time, memory, ARI),
and search at 1,000,000 positions on PostgreSQL (bench/search.py).

Both run in this process through Django's test client, interleaved round by round, so the
machine's mood affects them alike; the ratio is the number to compare between commits.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
REQUESTS_PER_ROUND = 60


def _setup(database: Path) -> None:
    os.environ["DJANGO_DEBUG"] = "1"  # plain static storage; DEBUG itself is switched off below
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(topic, count: int) -> None:
    from forum.markup import render_markdown
    from forum.models import Position, PositionRevision, User

    stances = list(topic.stances.all())
    body = "An argument with a [source](https://example.org) and **emphasis**. " * 5
    html = render_markdown(body)
    users = User.objects.bulk_create(
        User(username=name, pseudonym_key=name)
        for name in (f"bench-{topic.pk}-{index}" for index in range(count))
    )
    positions = Position.objects.bulk_create(
        Position(
            topic=topic,
            author=user,
            stance=stances[index % len(stances)],
            claim=f"Claim {index}",
            body=body,
            body_html=html,
        )
        for index, user in enumerate(users)
    )
    PositionRevision.objects.bulk_create(
        PositionRevision(
            position=p, number=1, stance=p.stance, claim=p.claim, body=body, body_html=html
        )
        for p in positions
    )


def _topic(slug: str, positions: int):
    from forum.models import Consultation, Phase, Stance, Topic

    consultation, _ = Consultation.objects.get_or_create(
        slug="bench", defaults={"title_en": "Bench", "phase": Phase.OPEN}
    )
    topic = Topic.objects.create(consultation=consultation, slug=slug, question_en="Q?")
    for order, key in enumerate(("privacy", "investigation", "conditional")):
        Stance.objects.create(topic=topic, key=key, label_en=key.title(), order=order)
    _fill(topic, positions)
    return topic


def _discussion(position, replies: int) -> None:
    """`replies` replies in threads of five (a reply, answers, answers to answers), written by
    the library's save() as real ones are, with likes on a third of them."""
    from django.utils import timezone
    from django_comments.models import CommentFlag
    from django_comments_xtd.models import LIKEDIT_FLAG

    from forum.markup import render_markdown
    from forum.models import Leaning, Reply, User

    text = "I disagree, and here is [why](https://example.org): **evidence** first. " * 3
    html = render_markdown(text)
    users = User.objects.bulk_create(
        User(username=name, pseudonym_key=name)
        for name in (f"replier-{position.pk}-{index}" for index in range(20))
    )
    leanings = list(Leaning.values)
    written: list[Reply] = []
    for index in range(replies):
        depth = index % 5
        parent = None if depth == 0 else written[-1] if depth < 3 else written[-depth + 1]
        reply = Reply(
            content_object=position,
            site_id=1,
            user=users[index % len(users)],
            user_name=users[index % len(users)].username,
            comment=text,
            comment_html=html,
            leaning=leanings[index % 3],
            parent_id=parent.pk if parent else 0,
        )
        reply.save()
        written.append(reply)
    CommentFlag.objects.bulk_create(
        CommentFlag(comment=reply, user=users[0], flag=LIKEDIT_FLAG, flag_date=timezone.now())
        for reply in written[::3]
    )


def _rate(client, url: str) -> float:
    start = time.perf_counter()
    for _ in range(REQUESTS_PER_ROUND):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return REQUESTS_PER_ROUND / (time.perf_counter() - start)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "bench.sqlite3")
        from django.test import Client
        from django.test.utils import override_settings, setup_test_environment

        setup_test_environment()
        small, large = _topic("small", 20), _topic("large", 2000)
        quiet, busy = small.positions.order_by("pk")[:2]
        _discussion(busy, 500)
        cases = {
            "minimal Django view": "/bench/minimal/",
            "home": "/",
            "topic page, 20 positions": small.get_absolute_url(),
            "topic page, 2,000 positions": large.get_absolute_url(),
            "topic page, 2,000 positions, page 50": large.get_absolute_url() + "?page=50",
            "consultation page": small.consultation.get_absolute_url(),
            "position page, no replies": quiet.get_absolute_url(),
            "position page, 500 replies": busy.get_absolute_url(),
            "position page, 500 replies, last page": busy.get_absolute_url() + "?replies=5",
        }
        rates: dict[str, list[float]] = {name: [] for name in cases}
        with override_settings(DEBUG=False, ROOT_URLCONF="bench.urls"):
            client = Client()
            for url in cases.values():
                client.get(url)  # warm caches and templates
            for _ in range(ROUNDS):
                for name, url in cases.items():
                    rates[name].append(_rate(client, url))
        baseline = sorted(rates["minimal Django view"])[ROUNDS // 2]
        print(f"{'page':40} {'req/s (median)':>15} {'÷ minimal view':>15}")
        for name, values in rates.items():
            median = sorted(values)[ROUNDS // 2]
            print(f"{name:40} {median:15.0f} {median / baseline:15.3f}")
        # The consultation ZIP at 10,000 positions and 1,000,000 votes (bench/export_zip.py).
        print()
        from bench import export_zip

        export_zip.main()
    # The opinion map on a synthetic topic with three planted groups (bench/opinions_map.py).
    print()
    print("Opinion map, planted groups (each participant votes on 50 positions):")
    from bench import opinions_map

    opinions_map.main()
    # Search at 1,000,000 positions needs PostgreSQL and its own database and settings: it runs
    # in a process of its own (bench/search.py), and says so when it cannot.
    print()
    import subprocess

    subprocess.run([sys.executable, "-m", "bench.search"], check=False)


if __name__ == "__main__":
    main()
