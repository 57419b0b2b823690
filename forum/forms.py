"""The sign-up form (allauth's, with the pseudonym explained and a race settled)."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.views import SignupView
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from forum.accounts.selectors import pseudonym_taken


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

    def try_save(self, request):
        """allauth's save; when another sign-up took the same pseudonym between the check and
        the write (the key's UNIQUE constraint fires), the form says so instead of a 500."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            if not pseudonym_taken(pseudonym=self.cleaned_data["username"]):
                raise
        self.add_error("username", get_adapter().validation_error("username_taken"))
        view = SignupView()
        view.setup(request)
        return None, view.form_invalid(self)
