"""`make bench`: Agora's pages under gunicorn beside a minimal Django view (bench/pages.py),
then the consultation ZIP at 10,000 positions and 1,000,000 votes (bench/export_zip.py), the
opinion map's computation at 10,000 and 100,000 participants (time, memory, ARI;
bench/opinions_map.py), and search at 1,000,000 positions on PostgreSQL (bench/search.py).

`python -m bench pages` runs the page bench alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def _setup(database: Path) -> None:
    os.environ["DJANGO_DEBUG"] = "1"  # plain static storage
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _pages() -> int:
    # Production settings and a PostgreSQL database of its own: a process of its own, as
    # Django is set up once per process.
    return subprocess.run([sys.executable, "-m", "bench.pages"], check=False).returncode


def main(argv: list[str]) -> int:
    if argv[:1] == ["pages"]:
        return _pages()
    if argv:
        print("usage: python -m bench [pages]", file=sys.stderr)
        return 2
    pages = _pages()
    # The consultation ZIP on a temporary SQLite database (bench/export_zip.py).
    print()
    from bench import export_zip

    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "bench.sqlite3")
        export_zip.main()
    # The opinion map on a synthetic topic with three planted groups (bench/opinions_map.py).
    print()
    print("Opinion map, planted groups (each participant votes on 50 positions):")
    from bench import opinions_map

    opinions_map.main()
    # Search at 1,000,000 positions needs PostgreSQL and its own database and settings: it runs
    # in a process of its own (bench/search.py), and says so when it cannot.
    print()
    subprocess.run([sys.executable, "-m", "bench.search"], check=False)
    # A page bench that could not measure fails the run, once the other parts have run.
    return pages


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
