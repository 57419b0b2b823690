"""Screening rules: what holds a new or edited contribution for review before it appears.

Pure functions over the text and a few facts about its author; the services decide what to do
with the holds. Nothing here touches the database, so every rule is tested without one.

The personal-data rules (phone numbers, e-mail addresses, resident registration numbers) exist
because the first consultation follows the Telegram "Nth room" case, where victims' contact
details were passed around: a moderator sees such a text before anyone else does. They hold
rather than reject, so a false positive costs a short wait, not a lost contribution; the
patterns still avoid the numbers policy texts are full of (years, dates, amounts, articles).

Every pattern is compiled once and runs in linear time: quantifiers are bounded or cannot
overlap with what follows them, and the one loop that could backtrack is possessive. `screen`
runs on every submit; 20,000 characters take a few milliseconds even when built to be slow.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

HOLD_CODES = (
    "premoderation",
    "new_account",
    "few_approved",
    "phone_number",
    "email_address",
    "resident_number",
    "watchword",
    "links",
)

# The author reads these, so they say what the rule saw without repeating the matched text
# (which may be someone else's personal data) and without accusing anyone.
HOLD_MESSAGES = {
    "premoderation": _(
        "All new contributions to this consultation are reviewed before they appear."
    ),
    "new_account": _("New accounts' first contributions are reviewed before they appear."),
    "few_approved": _("An account's first contributions are reviewed before they appear."),
    "phone_number": _("It contains what looks like a phone number."),
    "email_address": _("It contains what looks like an e-mail address."),
    "resident_number": _("It contains what looks like a resident registration number."),
    "watchword": _("It contains a word that moderators review first."),
}

# What a moderator scans the queue by: each rule's name, short, beside its explanation.
HOLD_LABELS = {
    "premoderation": _("Pre-moderated consultation"),
    "new_account": _("New account"),
    "few_approved": _("Few approved contributions"),
    "phone_number": _("Phone number"),
    "email_address": _("E-mail address"),
    "resident_number": _("Resident registration number"),
    "watchword": _("Watched word"),
    "links": _("Many links"),
}


def _links_text(max_links: int) -> str:
    return ngettext(
        "It contains more than %(max)d link.",
        "It contains more than %(max)d links.",
        max_links,
    ) % {"max": max_links}


# A lazy proxy's own `%` translates at once; this one waits for the reader's language.
_links_message = lazy(_links_text, str)


@dataclass(frozen=True)
class ScreeningRules:
    new_account_age: timedelta  # accounts younger than this are held; timedelta(0) disables
    min_approved: int  # authors with fewer approved contributions are held; 0 disables
    max_links: int  # more links than this are held
    watchwords: tuple[str, ...]  # held if any appears (case-insensitive, after normalisation)

    @classmethod
    def from_settings(cls) -> ScreeningRules:
        from django.conf import settings

        watchwords = getattr(settings, "MODERATION_WATCHWORDS", ())
        if isinstance(watchwords, str):
            # A bare string would otherwise become one watchword per character.
            watchwords = (watchwords,)
        return cls(
            new_account_age=getattr(settings, "MODERATION_NEW_ACCOUNT_AGE", timedelta(0)),
            min_approved=int(getattr(settings, "MODERATION_MIN_APPROVED", 0)),
            max_links=int(getattr(settings, "MODERATION_MAX_LINKS", 3)),
            watchwords=tuple(watchwords),
        )


@dataclass(frozen=True)
class Hold:
    code: str  # one of HOLD_CODES
    message: str  # lazily translated; never echoes the matched text


def screen(
    *,
    text: str,
    account_age: timedelta,
    approved_count: int,
    premoderated: bool,
    rules: ScreeningRules,
) -> list[Hold]:
    """Every rule that holds this text for review, in HOLD_CODES order, each code at most once.
    An empty list means publish."""
    text = _normalise(text)
    folded = text.casefold()
    figures = _DASHES.sub("-", text)
    held = {
        "premoderation": premoderated,
        "new_account": rules.new_account_age > timedelta(0) and account_age < rules.new_account_age,
        "few_approved": rules.min_approved > 0 and approved_count < rules.min_approved,
        "phone_number": _has_phone_number(figures),
        "email_address": _has_email_address(text),
        "resident_number": _has_resident_number(figures),
        "watchword": _has_watchword(folded, watchwords=rules.watchwords),
        "links": _link_count(folded) > rules.max_links,
    }
    return [
        Hold(code=code, message=_message(code, max_links=rules.max_links))
        for code in HOLD_CODES
        if held[code]
    ]


def messages_for(codes: Iterable[str] | None, *, rules: ScreeningRules | None = None) -> list[str]:
    """The explanations of stored hold codes, for the author's banner and the queue. Codes no
    longer known are skipped: a rule retired later must not break old items' pages."""
    codes = [code for code in codes or () if code in HOLD_CODES]
    if "links" in codes and rules is None:
        # Stored holds keep only their codes; today's limit is the best guess at the old one.
        rules = ScreeningRules.from_settings()
    return [str(_message(code, max_links=rules.max_links if rules else 0)) for code in codes]


def labelled_messages_for(codes: Iterable[str] | None) -> list[tuple[str, str]]:
    """(rule name, explanation) for each known stored hold code, for moderators' pages."""
    known = [code for code in codes or () if code in HOLD_CODES]
    return list(zip([str(HOLD_LABELS[c]) for c in known], messages_for(known), strict=True))


def _message(code: str, *, max_links: int) -> str:
    return _links_message(max_links) if code == "links" else HOLD_MESSAGES[code]


# Normalisation ------------------------------------------------------------------------------

# Zero-width characters and soft hyphens are invisible, so they can split a word or a number
# without the reader noticing; they carry no meaning a screening rule needs.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# Hyphen look-alikes: dashes, the minus sign, and "ㅡ" (a Hangul vowel Korean users type as a
# dash; NFKC turns the compatibility jamo U+3161 into U+1173). Only the digit rules see this
# folding, so "ㅡㅡ" (a frown) in a sentence stays as it was for the others.
_DASHES = re.compile("[\u2010-\u2015\u2212\u1173]")


def _normalise(text: str) -> str:
    """The text as the rules see it: NFKC (full-width ０１０ becomes 010, ＠ becomes @,
    no-break and ideographic spaces become spaces) without invisible characters."""
    # Invisible characters go first so that NFKC can compose what they separated.
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))


# The patterns below begin with a literal character and check what comes before it with a
# lookbehind placed after that character: a pattern that starts with a lookbehind is tried at
# every position of the text, one that starts with a literal is located by a fast search.

# Phone numbers ------------------------------------------------------------------------------

# Korean numbers begin with a trunk 0 and an area or service code: mobile 010/011/016–019,
# Seoul 02, the provinces 031–064, internet phones 070, 060/080 and personal 0502–0508.
# Requiring that code is what keeps years, amounts and dates out: none of them starts so.
_AREA = r"(?:1[016789]|2|[3-6][1-5]|[678]0|50[2-8])"
# One separator between groups: a hyphen or dot (spaces around it allowed) or a space or two.
_SEP = r"(?:[ \t]?[-.][ \t]?|[ \t]{1,2})"
# Not the head of a longer number, nor of a date (…-03-15) or a decimal.
_AFTER = r"(?!\d)(?![-.]\d)"


def _not_after_a_number(first: str) -> str:
    # Not the tail of a longer number, nor of a date (2020-03-15) or a decimal (3.02).
    return rf"(?<!\d{first})(?<!\d[-.]{first})"


_PHONE_PATTERNS = tuple(
    re.compile(pattern + _AFTER)
    for pattern in (
        # 010-1234-5678, 010 1234 5678, 010.1234.5678, 01012345678, 02-123-4567,
        # 031-123-4567. The second separator repeats the first, which keeps resident
        # registration numbers (900101-1234567) and runs of mixed figures out.
        rf"0{_not_after_a_number('0')}{_AREA}(?P<sep>{_SEP}?)\d{{3,4}}(?P=sep)\d{{4}}",
        # (02) 123-4567, (031)123-4567
        rf"\(0{_AREA}\)[ \t]?\d{{3,4}}{_SEP}?\d{{4}}",
        # 82-10-1234-5678: the country code written without its plus.
        rf"82{_not_after_a_number('82')}(?P<sep>{_SEP}?)1[016789](?P=sep)\d{{3,4}}(?P=sep)\d{{4}}",
        # (415) 555-0134: a North American number without its +1. Its exchange cannot begin
        # with 0 or 1, which keeps "Article 17(1)" and the like out.
        r"\((?<![0-9A-Za-z(]\()[2-9]\d\d\)[ \t]?[2-9]\d\d[-. \t]\d{4}",
    )
)

# Nationwide service numbers: 1588-1234, 1644 1234. Without a separator, or with a dot, they
# are indistinguishable from a count or a decimal, so those forms are left alone.
_SERVICE_PHONE = re.compile(
    rf"1{_not_after_a_number('1')}(?P<prefix>[568]\d\d)(?:[ \t]?-[ \t]?|[ \t])(?P<line>\d{{4}})"
    + _AFTER
)
# A range's unit after the second number: 1500-2000명, 1592-1598년, 1800-1900s.
_RANGE_UNIT = re.compile(r"[ \t]?(?:[년명원개건회월일호차세배%]|s\b)")

# +1 (415) 555-0134, +44 20 7946 0958, +82 10-1234-5678, +82 (0)10 1234 5678. Any grouping
# is accepted and the digits are counted afterwards. The first separator may not be a dot,
# so that +3.14159265 stays a number; the loop is possessive, so a long run of figures
# after a plus is read once instead of being re-split on failure.
_INTERNATIONAL_PHONE = re.compile(
    r"\+(?<![0-9A-Za-z+]\+)(?P<number>[1-9]\d{0,2}(?:[ \t-]?\(0\))?"
    r"[ \t-]?(?:\(\d{1,4}\)|\d{1,5})"
    r"(?:[ \t.-]{0,2}(?:\(\d{1,4}\)|\d{1,5}))*+)"
)
# E.164 allows 15 digits; fewer than 8 after a plus is more likely a signed figure (+5, +2020).
_INTERNATIONAL_DIGITS = range(8, 16)


def _has_phone_number(text: str) -> bool:
    """Whether the (normalised, dash-folded) text contains a phone number."""
    if any(pattern.search(text) for pattern in _PHONE_PATTERNS):
        return True
    for match in _SERVICE_PHONE.finditer(text):
        first, second = 1000 + int(match["prefix"]), int(match["line"])
        if not _is_a_range(first=first, second=second, unit=_RANGE_UNIT.match(text, match.end())):
            return True
    return any(
        _international_digits(match["number"]) in _INTERNATIONAL_DIGITS
        for match in _INTERNATIONAL_PHONE.finditer(text)
    )


def _is_a_range(*, first: int, second: int, unit: re.Match[str] | None) -> bool:
    # 1592-1598 (years) and 1500-2000 (a count) fit the service-number shape. A range's second
    # number is the larger one and, in practice, close or round; a unit after it settles it.
    return unit is not None or (first < second and (second - first <= 100 or second % 100 == 0))


def _international_digits(number: str) -> int:
    # A trailing year or count can follow a number with only a space between them
    # ("+44 20 7946 0958 2020"); the digits are counted group by group up to E.164's 15.
    digits = 0
    for group in re.findall(r"\d+", number.replace("(0)", "")):
        if digits + len(group) > 15:
            break
        digits += len(group)
    return digits


# E-mail addresses ---------------------------------------------------------------------------

# "name [at] example [dot] com", "name(at)example.com", "name{골뱅이}example(점)com": the
# bracketed spellings become a spaced "@" and "." before matching. Bare words ("name at
# example dot com") are left alone, since "at" and "dot" are ordinary words.
_OBFUSCATION = re.compile(
    r"[\[({<][ \t]{0,3}(?:(?P<at>at|@|골뱅이|앳)|dot|\.|점|닷)[ \t]{0,3}[\])}>]", re.I
)

_EMAIL = re.compile(
    # The whole local part, not its tail: no local-part character just before it.
    r"[A-Za-z0-9._%+\-](?<![A-Za-z0-9._%+\-].)[A-Za-z0-9._%+\-]{0,63}"
    # "name @ example . com" is spaced on both sides of "@" and of each dot; one-sided spacing
    # is how mentions and sentences look ("thanks @minsu. See you", "meet @ 5").
    r"(?:@|[ \t]{1,3}@[ \t]{1,3})"
    r"(?:[A-Za-z0-9\-]{1,63}(?:\.|[ \t]{1,3}\.[ \t]{1,3})){1,8}"
    # The top-level domain is letters only, so "@ 5.30" is a time and not a domain.
    r"(?P<tld>[A-Za-z]{2,24})(?![A-Za-z0-9\-])",
)
# Image names such as icon@2x.png have the shape of an address; these are not top-level
# domains, so excluding them costs nothing.
_FILE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff"})


def _has_email_address(text: str) -> bool:
    """Whether the (normalised) text contains an e-mail address, plain or lightly disguised."""
    text = _OBFUSCATION.sub(lambda match: " @ " if match["at"] else " . ", text)
    if "@" not in text:
        return False  # most texts, cheaply
    return any(match["tld"].lower() not in _FILE_EXTENSIONS for match in _EMAIL.finditer(text))


# Resident registration numbers --------------------------------------------------------------

# YYMMDD-SNNNNNN: a birth date, then a digit for sex and century (1–4 citizens, 5–8 foreign
# residents) and six more. The date and that digit are checked, so most other 13-digit
# figures pass. The old check digit is not: numbers issued since October 2020 (including those
# changed for victims of crimes) no longer have one. A masked tail (900101-1******) still
# tells birth date and sex, so it is held too.
_RESIDENT_NUMBER = re.compile(
    r"\d(?<!\d\d)\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"(?:[ \t]?-[ \t]?|[ \t])?"
    r"[1-8][\d*#xX●○•×]{6}(?![\d*#xX●○•×])"
)


def _has_resident_number(text: str) -> bool:
    """Whether the (normalised, dash-folded) text contains a resident registration number."""
    return _RESIDENT_NUMBER.search(text) is not None


# Watchwords ---------------------------------------------------------------------------------

# Latin letters and digits. A watchword that begins or ends with one must not continue a
# Latin word there: "ass" holds "ass" but not "class", "scam" holds "scam이다". Elsewhere
# (Korean, and other scripts) a watchword is matched anywhere, because Korean writes
# particles onto the word ("사기꾼이", "사기꾼을") and has no boundary to look for.
_LATIN = "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_CHAR = re.compile(f"[{_LATIN}]")


def _has_watchword(folded: str, *, watchwords: Iterable[str]) -> bool:
    """Whether the (normalised, casefolded) text contains one of the watchwords."""
    pattern = _watchword_pattern(tuple(watchwords))
    return pattern is not None and pattern.search(folded) is not None


@lru_cache(maxsize=16)
def _watchword_pattern(watchwords: tuple[str, ...]) -> re.Pattern[str] | None:
    # Settings rarely change, so each list of watchwords is compiled once.
    alternatives = []
    for watchword in watchwords:
        words = _normalise(watchword).casefold().split()
        if not words:
            continue  # an empty watchword would hold everything
        # Any run of whitespace between the words of a phrase, line breaks included.
        body = r"\s+".join(map(re.escape, words))
        if _LATIN_CHAR.fullmatch(words[0][0]):
            # After the first character rather than before, so the search can look for it.
            first = re.escape(words[0][0])
            body = first + f"(?<![{_LATIN}]{first})" + body[len(first) :]
        if _LATIN_CHAR.fullmatch(words[-1][-1]):
            body += f"(?![{_LATIN}])"
        alternatives.append(body)
    if not alternatives:
        return None
    return re.compile("|".join(alternatives))


# Links --------------------------------------------------------------------------------------

# [text](url "title") and ![alt](url). The text may not contain brackets, so that a run of
# "[" is dismissed at once; a link this misses still has its address counted below.
_MARKDOWN_LINK = re.compile(
    r"\[(?P<text>[^\[\]\n]{0,1000})\]"
    r"\([ \t]{0,3}<?(?P<href>[^\s()<>]{1,2048})>?"
    r"""(?:[ \t]{1,3}(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'))?[ \t]{0,3}\)"""
)
# A target that leaves the site. Links to other pages of the forum ("/topics/3", "#reply-2")
# are how participants cite each other and are not counted.
_EXTERNAL = re.compile(r"(?:[a-z][a-z0-9+.\-]*:|//|www\.)")
_SCHEME = re.compile(r"https?://[^\s<>()\[\]\"']")
# www.example.com with no scheme; after "//" or "@" it is part of an address already counted.
_WWW = re.compile(r"w(?<![a-z0-9./@:\-]w)ww\.[a-z0-9\-]{1,63}\.[a-z]")
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?")


def _link_count(folded: str) -> int:
    """How many links the (normalised, casefolded) text has: addresses with http(s):// or
    www., Markdown links and autolinks (<https://…>). A Markdown link is one link, also when
    its text is the address itself."""
    markdown = 0

    def unwrap(match: re.Match[str]) -> str:
        nonlocal markdown
        if _EXTERNAL.match(match["href"]):
            markdown += 1
        if _same_address(match["text"], match["href"]):
            return " "
        # Any other address in the text shows a second destination and counts on its own.
        return f" {match['text']} "

    rest = _MARKDOWN_LINK.sub(unwrap, folded)
    return markdown + len(_SCHEME.findall(rest)) + len(_WWW.findall(rest))


def _same_address(text: str, href: str) -> bool:
    def bare(address: str) -> str:
        return _URL_PREFIX.sub("", address.strip().strip("<>")).rstrip("/")

    return bare(text) == bare(href)
