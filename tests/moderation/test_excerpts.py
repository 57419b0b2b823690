"""The queue shortens a claim on a word boundary, with an ellipsis, in any script."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from moderation.excerpts import ELLIPSIS, shorten

LIMIT = st.integers(min_value=1, max_value=60)
# Latin, Hangul syllables and jamo, combining marks, emoji with joiners and skin tones.
LETTERS = ["a", "b", "word", "정책", "암호화", "e\u0301", "\u1100\u1161\u11a8"]
PIECES = st.sampled_from([*LETTERS, "👍🏽", "👩\u200d💻", "✌\ufe0f"])
TEXT = st.lists(st.one_of(PIECES, st.just(" ")), max_size=40).map("".join)


def test_a_short_text_is_left_whole():
    assert shorten("Victims need a hotline", 40) == "Victims need a hotline"


def test_a_long_text_is_cut_after_the_last_whole_word():
    assert shorten("Victims need a hotline that answers at night", 20) == "Victims need a…"


def test_korean_is_cut_between_words():
    text = "피해자에게는 밤에도 응답하는 상담 전화가 필요합니다"
    assert shorten(text, 12) == "피해자에게는 밤에도…"


def test_a_word_longer_than_the_limit_is_cut_but_not_inside_a_combined_letter():
    assert shorten("e\u0301e\u0301e\u0301", 3) == "e\u0301" + ELLIPSIS


@given(text=TEXT, limit=LIMIT)
def test_never_longer_than_the_limit_and_its_ellipsis(text, limit):
    short = shorten(text, limit)
    assert len(short) <= limit + len(ELLIPSIS)
    if short.endswith(ELLIPSIS):
        assert len(short) - len(ELLIPSIS) <= limit


@given(text=TEXT, limit=LIMIT)
def test_the_cut_falls_between_words_when_a_space_allows_it(text, limit):
    flat = " ".join(text.split())
    short = shorten(text, limit)
    if short == flat:
        return
    kept = short.removesuffix(ELLIPSIS)
    assert flat.startswith(kept)
    if " " in flat[1 : limit + 1]:
        # What follows the kept part is a space: no word was cut.
        assert flat[len(kept)] == " "


@given(text=TEXT, limit=LIMIT)
def test_never_splits_a_letter_from_its_marks_or_an_emoji_sequence(text, limit):
    flat = " ".join(text.split())
    kept = shorten(text, limit).removesuffix(ELLIPSIS)
    if kept == flat or not kept:
        return
    following = flat[len(kept)]
    assert unicodedata.combining(following) == 0
    assert unicodedata.category(following) not in ("Mn", "Mc", "Me")
    assert not "\ufe00" <= following <= "\ufe0f"
    assert not "\U0001f3fb" <= following <= "\U0001f3ff"
    assert not "\u1160" <= following <= "\u11ff"
    assert following != "\u200d" and kept[-1] != "\u200d"
