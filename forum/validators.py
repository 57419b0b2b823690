"""Validators for what citizens type about themselves."""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from forum.accounts.pseudonyms import pseudonym_key


@deconstructible
class NotAnEmailAddressValidator:
    """A pseudonym is public; an e-mail address in it would publish the address."""

    message = _("A pseudonym cannot be or contain an e-mail address (no “@”).")
    code = "pseudonym_email"

    def __call__(self, value: str) -> None:
        if "@" in value:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotAnEmailAddressValidator)


pseudonym_characters = RegexValidator(
    regex=r"^[\w.-]+\Z",
    message=_("Use letters (any script), digits, “.”, “-” and “_” only; no spaces."),
    code="pseudonym_characters",
)


@functools.cache
def _reserved_patterns(reserved: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """One pattern per reserved name, matching every string that can be read as it: each of its
    letters or any of their Unicode confusables (UTS #39, with sequences such as "rn" for "m"
    and digits such as "0" for "o"), with ".", "-" or "_" between them. With whether the name
    must be the whole pseudonym (Latin names) or is refused anywhere in it (Korean words, which
    compound without a space: 운영자팀)."""
    # The library loads its 3 MB table on import: only once a pseudonym is checked. Its
    # source has invalid escape sequences ("\*"), a warning whenever Python compiles it
    # anew (no cached bytecode), which the test suite's "error" filter would turn fatal.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
        from confusables import confusable_regex

    return tuple(
        (
            re.compile(confusable_regex(pseudonym_key(name), include_character_padding=True)),
            pseudonym_key(name).isascii(),
        )
        for name in reserved
    )


def imitates_a_reserved_name(value: str, reserved: Iterable[str]) -> bool:
    """Whether `value`, case-folded in NFKC (fullwidth and mathematical letters, conjoining
    jamo), reads as one of the reserved names."""
    folded = pseudonym_key(value)
    for pattern, whole in _reserved_patterns(tuple(reserved)):
        if pattern.fullmatch(folded) if whole else pattern.search(folded):
            return True
    return False


@deconstructible
class NotAStaffLookalikeValidator:
    """A pseudonym must not pass for the staff's: not "admin", nor "mоderator" with a Cyrillic
    "о", "ＡＤＭＩＮ" in fullwidth, "m0derator", or "운영자팀". The names are
    ACCOUNT_USERNAME_BLACKLIST unless given."""

    message = _(
        "This pseudonym is kept for Agora’s staff, or looks like a name that is. Choose another."
    )
    code = "pseudonym_reserved"

    def __init__(self, reserved: Iterable[str] | None = None) -> None:
        self.reserved = tuple(reserved) if reserved is not None else None

    def __call__(self, value: str) -> None:
        reserved = self.reserved
        if reserved is None:
            reserved = tuple(settings.ACCOUNT_USERNAME_BLACKLIST)
        if imitates_a_reserved_name(value, reserved):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotAStaffLookalikeValidator) and self.reserved == other.reserved


@deconstructible
class SingleLineValidator:
    """A claim is one line: the list of positions shows it as a heading."""

    message = _("Write the claim on one line.")
    code = "single_line"

    def __call__(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator)
