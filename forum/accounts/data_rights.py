"""A citizen's data rights: download everything the forum holds about them, delete the
account, and the privacy page that explains both. Only ever the signed-in account's own
data: a download belonging to someone else does not exist for anyone else (404)."""

from __future__ import annotations

import contextlib

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from forum.accounts.deletion import AccountAlreadyDeleted, account_delete, cited_position_ids
from forum.accounts.models import DATA_EXPORT_DAYS, DataExport
from forum.accounts.services import data_export_request
from forum.accounts.tasks import build_data_export
from forum.votes.tasks import opinions_request

# The progress page reloads itself this often while the download is being prepared.
PROGRESS_REFRESH_SECONDS = 3


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your current password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    erase_text = forms.BooleanField(
        label=gettext_lazy(
            "Also erase the text of what I wrote, where no published summary cites it"
        ),
        required=False,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your current password."), code="password")
        return password


def _own_export(request: HttpRequest, pk: int) -> DataExport:
    export = DataExport.objects.filter(pk=pk, user=request.user).first()
    if export is None:
        raise Http404(_("No such download."))
    return export


@login_required
@require_http_methods(["GET", "POST"])
def account_data(request: HttpRequest) -> HttpResponse:
    """What the download holds, the button that asks for it, and the latest one."""
    if request.method == "POST":
        try:
            export = data_export_request(user=request.user, then=build_data_export.enqueue)
        except ValidationError as error:
            raise Http404(error.messages[0]) from None
        return redirect("account_data_export", pk=export.pk)
    latest = DataExport.objects.filter(user=request.user).first()
    return render(
        request,
        "forum/accounts/data.html",
        {"latest": latest, "days": DATA_EXPORT_DAYS},
    )


@login_required
@require_http_methods(["GET"])
def account_data_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress page: reloads itself (no script) until the download is ready."""
    export = _own_export(request, pk)
    return render(
        request,
        "forum/accounts/data_export.html",
        {
            "export": export,
            "refresh": PROGRESS_REFRESH_SECONDS if export.is_unfinished else None,
            "days": DATA_EXPORT_DAYS,
        },
    )


@login_required
@require_http_methods(["GET"])
def account_data_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = _own_export(request, pk)
    if not export.is_available or not default_storage.exists(export.file_name):
        raise Http404(_("This download is not available (any more)."))
    response = FileResponse(
        default_storage.open(export.file_name),
        as_attachment=True,
        filename=f"agora-personal-data-{export.created_at:%Y-%m-%d}.json",
        content_type="application/json; charset=utf-8",
    )
    # Personal data: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_page(request: HttpRequest) -> HttpResponse:
    """What deletion does, in plain words; the password; the choice to erase; confirm."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        # Deleted already (a second tab, a double submit): the outcome is the same.
        with contextlib.suppress(AccountAlreadyDeleted):
            account_delete(
                user=request.user,
                erase_text=form.cleaned_data["erase_text"],
                then=opinions_request,
            )
        logout(request)
        return redirect("account_deleted")
    cited = len(cited_position_ids(author=request.user))
    return render(
        request,
        "forum/accounts/delete.html",
        {"form": form, "cited": cited},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "forum/accounts/deleted.html")


@require_http_methods(["GET"])
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy policy (the list article 30 of Korea's Personal Information Protection Act
    asks for), with the facts it states read from the settings they depend on."""
    return render(
        request,
        "forum/privacy.html",
        {
            "contact": settings.AGORA_PRIVACY_CONTACT,
            "session_days": settings.SESSION_COOKIE_AGE // 86_400,
            "export_days": DATA_EXPORT_DAYS,
            "effective": settings.AGORA_PRIVACY_EFFECTIVE_DATE,
            "email_outsourced": settings.EMAIL_BACKEND
            not in (
                "django.core.mail.backends.console.EmailBackend",
                "django.core.mail.backends.locmem.EmailBackend",
                "django.core.mail.backends.dummy.EmailBackend",
                "django.core.mail.backends.filebased.EmailBackend",
            ),
        },
    )
