"""`make bench`: requests per second of Agora's pages beside a minimal Django view.

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
        User(username=f"bench-{topic.pk}-{index}") for index in range(count)
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
        cases = {
            "minimal Django view": "/bench/minimal/",
            "home": "/",
            "topic page, 20 positions": small.get_absolute_url(),
            "topic page, 2,000 positions": large.get_absolute_url(),
            "topic page, 2,000 positions, page 50": large.get_absolute_url() + "?page=50",
            "consultation page": small.consultation.get_absolute_url(),
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


if __name__ == "__main__":
    main()
