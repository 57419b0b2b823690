"""The account's preferences page: the language of the site and of e-mails."""

from __future__ import annotations

from allauth.account.decorators import verified_email_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from forum.accounts.services import account_language_set


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the site and of e-mails to you"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the languages listed.")},
    )


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """The cookie Django's LocaleMiddleware reads, so that pages follow the account's choice."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@verified_email_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Only ever the signed-in account's own preferences: no account is named in the URL."""
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            account_language_set(user=request.user, language=form.cleaned_data["language"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            language = request.user.language
            translation.activate(language)
            messages.success(request, _("Saved. Agora now speaks to you in this language."))
            return remember_language(redirect("account_preferences"), language)
    return render(
        request,
        "forum/accounts/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# Exempt for readers without an account: their switch sets only a cookie, and a token in it
# would give every anonymous page a CSRF cookie, which no shared cache may store. A signed-in
# account's switch also saves its preference, so it is checked like every other form.
@csrf_exempt
@require_http_methods(["POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switch (Django's view); for a signed-in account the choice is
    also its preference, so that its notices and e-mails follow what it reads the site in."""
    if request.user.is_authenticated:
        return _account_language_switch(request)
    return i18n.set_language(request)


@csrf_protect
def _account_language_switch(request: HttpRequest) -> HttpResponse:
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        account_language_set(user=request.user, language=language)
    return response
