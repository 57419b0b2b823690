"""`manage.py search_reindex`: rebuild every search entry, with progress on the terminal."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forum.search.services import search_reindex


class Command(BaseCommand):
    help = "Analyse every consultation, topic, position and reply again and rewrite its entry."

    def handle(self, *args, **options) -> None:
        def progress(kind: str, done: int, total: int) -> None:
            self.stdout.write(f"\r{kind:>12}: {done}/{total}", ending="")
            if done == total:
                self.stdout.write("")

        written = search_reindex(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{written} search entries written."))
