"""Write everything the forum holds about one account as JSON (an operator answering a
request made outside the site; citizens use /accounts/data/)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.accounts.data_export import write_personal_data
from forum.inputs import ascii_int
from forum.models import User


class Command(BaseCommand):
    help = "Write one account's personal data (by account id) to FILE as JSON, with progress."

    def add_arguments(self, parser) -> None:
        parser.add_argument("user_id")
        parser.add_argument("file")

    def handle(self, *args, user_id: str, file: str, **options) -> None:
        pk = ascii_int(user_id)
        user = User.objects.filter(pk=pk, deleted_at__isnull=True).first() if pk else None
        if user is None:
            raise CommandError(f"No account with the id {user_id!r}.")

        def progress(percent: int) -> None:
            self.stderr.write(f"\r{percent:3d}%", ending="")
            self.stderr.flush()

        with Path(file).open("w", encoding="utf-8") as out:
            write_personal_data(user, out, progress=progress)
        self.stderr.write("\r100%")
        self.stdout.write(f"Wrote {file}")
