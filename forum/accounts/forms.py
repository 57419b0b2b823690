"""The admin's account forms: a pseudonym typed there is stored and compared like a sign-up's."""

from __future__ import annotations

from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum.accounts.pseudonyms import PSEUDONYM_KEY_MAX_LENGTH, pseudonym_key, pseudonym_normalised
from forum.accounts.selectors import pseudonym_taken


def clean_admin_pseudonym(username: str, *, user_id: int | None) -> str:
    """The pseudonym in NFKC, refused if another account has the same key. The key itself is
    set by User.clean(), which the model form's validation calls."""
    username = pseudonym_normalised(username)
    if len(pseudonym_key(username)) > PSEUDONYM_KEY_MAX_LENGTH:
        raise ValidationError(_("This pseudonym is too long."), code="pseudonym_too_long")
    if pseudonym_taken(pseudonym=username, excluding_user_id=user_id):
        raise ValidationError(_("That pseudonym is already taken."), code="unique")
    return username


class AccountCreationForm(AdminUserCreationForm):
    def clean_username(self) -> str | None:
        username = super().clean_username()
        if username is None:  # Django's own check found the name already
            return None
        return clean_admin_pseudonym(username, user_id=None)


class AccountChangeForm(UserChangeForm):
    def clean_username(self) -> str:
        return clean_admin_pseudonym(self.cleaned_data["username"], user_id=self.instance.pk)
