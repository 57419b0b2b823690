"""Write a consultation's open data (every topic's positions, votes and summary) as a ZIP."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.models import Consultation, Phase
from forum.opendata import exports


class Command(BaseCommand):
    help = "Export a consultation's open data to DIR/SLUG.zip, with progress."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("directory")

    def handle(self, *args, slug: str, directory: str, **options) -> None:
        consultation = Consultation.objects.exclude(phase=Phase.DRAFT).filter(slug=slug).first()
        if consultation is None:
            raise CommandError(f"No public consultation with the slug {slug!r}.")
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{slug}.zip"
        topics = list(consultation.topics.order_by("order", "pk"))
        total = len(topics) * len(exports.KINDS) * len(exports.FORMATS)
        done = 0
        start = time.perf_counter()

        def progress(name: str) -> None:
            nonlocal done
            done += 1
            bar = "#" * (30 * done // total)
            self.stdout.write(f"\r[{bar:<30}] {done}/{total} {name}", ending="")
            self.stdout.flush()

        with target.open("wb") as out:
            exports.write_consultation_zip(consultation, out, progress=progress, topics=topics)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{target} written ({target.stat().st_size:,} bytes, "
                f"{time.perf_counter() - start:.1f} s)."
            )
        )
