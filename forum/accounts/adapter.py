"""allauth's account adapter: pseudonyms are stored in NFKC and unique by their key."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from forum.accounts.preferences import remember_language
from forum.accounts.pseudonyms import PSEUDONYM_KEY_MAX_LENGTH, pseudonym_key, pseudonym_normalised
from forum.accounts.selectors import pseudonym_taken
from forum.validators import NotAStaffLookalikeValidator


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": _("That pseudonym is already taken."),
        "username_blacklisted": NotAStaffLookalikeValidator.message,
    }

    def clean_username(self, username: str, shallow: bool = False) -> str:
        """The pseudonym in NFKC, checked in that form: the model's validators (characters,
        length, no address), the staff's names and their look-alikes, and the key against
        every account. (The admin, where organizers name staff accounts, does not refuse
        staff names.)"""
        username = super().clean_username(pseudonym_normalised(username), shallow=shallow)
        NotAStaffLookalikeValidator()(username)
        if len(pseudonym_key(username)) > PSEUDONYM_KEY_MAX_LENGTH:
            raise ValidationError(_("This pseudonym is too long."), code="pseudonym_too_long")
        if not shallow and pseudonym_taken(pseudonym=username):
            raise self.validation_error("username_taken")
        return username

    def save_user(self, request, user, form, commit: bool = True):
        """allauth's save, with the pseudonym and its key set before the row is written."""
        user = super().save_user(request, user, form, commit=False)
        user.set_pseudonym(user.username)
        # Agora speaks to the account in the language it signed up in, until it chooses.
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.language = language
        if commit:
            user.save()
        return user

    def post_login(self, request, user, **kwargs):
        """allauth's redirect after signing in, in the account's own language from then on."""
        response = super().post_login(request, user, **kwargs)
        language = getattr(user, "language", "")
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            remember_language(response, language)
        return response
