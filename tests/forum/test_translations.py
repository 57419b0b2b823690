"""Korean is complete: every visible string is extracted, translated and compiled."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "forum" / "locale" / "ko" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
MAKEMESSAGES = ["makemessages", "-l", "ko", "--ignore=.venv", "--ignore=tests", "--ignore=bench"]


def _entries(path: Path) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def test_every_korean_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 100


def test_compiled_catalogue_matches_the_source():
    with MO.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    for entry in _entries(PO):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            got, wanted = catalogue.get((key, 0)), entry.msgstr_plural[0]
        else:
            got, wanted = catalogue.get(key), entry.msgstr
        assert got == wanted, f"{entry.msgid!r} differs in django.mo: run `make messages`"


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)s|%s|%d")
    for entry in _entries(PO):
        # Korean has one plural form, used for every count, so it follows the plural msgid (an
        # English singular may say "One of your positions" without the count).
        wanted = sorted(placeholder.findall(entry.msgid_plural or entry.msgid))
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(placeholder.findall(text)) == wanted, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_no_visible_string_is_missing_from_the_catalogue(tmp_path):
    """Extract anew in a copy of the project: nothing may be new or untranslated there."""
    copy = tmp_path / "agora"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "*.sqlite3", "__pycache__"),
    )
    env_code = (
        "import os, sys; os.environ['DJANGO_DEBUG']='1'; "
        "from django.core.management import execute_from_command_line as run; "
        f"run(['manage.py', *{MAKEMESSAGES!r}])"
    )
    subprocess.run([sys.executable, "-c", env_code], cwd=copy, check=True, capture_output=True)
    fresh = {(entry.msgctxt, entry.msgid) for entry in _entries(copy / PO.relative_to(ROOT))}
    ours = {(entry.msgctxt, entry.msgid) for entry in _entries(PO) if entry.translated()}
    assert fresh - ours == set(), "untranslated strings: run `make messages` and translate"
