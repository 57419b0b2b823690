"""Validators for what citizens type about themselves."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


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
