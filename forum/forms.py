"""The sign-up form (allauth's, with the pseudonym explained)."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, with the username presented as the public pseudonym it is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("Pseudonym")
        field.help_text = _(
            "Shown on everything you write. Never your e-mail address. "
            "Letters (any script), digits, “.”, “-” and “_”."
        )
        field.widget.attrs["placeholder"] = ""
        field.widget.attrs["autocomplete"] = "nickname"
