"""Writes of an account's own settings."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from forum.models import User


def account_language_set(*, user: User, language: str) -> None:
    """The account itself chooses the language Agora speaks to it in, pages and e-mails."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages listed.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
