"""Which language a citizen wrote in, guessed from the letters when the text is saved.

Pages put it in a `lang` attribute, so that screen readers speak it in the right voice and
browsers break and hyphenate it by that language's rules. Only the two languages Agora
speaks are told apart; anything else is "" (unknown: no attribute)."""

from __future__ import annotations

import unicodedata

# A text is Korean once this share of its letters is Hangul: Korean prose often quotes
# English names and acronyms ("KakaoTalk", "VPN"), English prose rarely holds Hangul.
HANGUL_SHARE = 0.3
# Otherwise English when most of its letters are Latin.
LATIN_SHARE = 0.5


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3  # syllables
        or 0x1100 <= code <= 0x11FF  # jamo
        or 0x3130 <= code <= 0x318F  # compatibility jamo
        or 0xA960 <= code <= 0xA97F
        or 0xD7B0 <= code <= 0xD7FF
    )


def detect_lang(text: str) -> str:
    """ "ko", "en" or "" for the language of `text`, from its share of Hangul and Latin letters."""
    letters = hangul = latin = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if _is_hangul(char):
            hangul += 1
        elif char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
            latin += 1
    if not letters:
        return ""
    if hangul / letters >= HANGUL_SHARE:
        return "ko"
    if latin / letters >= LATIN_SHARE:
        return "en"
    return ""
