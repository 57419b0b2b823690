"""Staff reach the admin only through allauth's sign-in, which is rate-limited."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


@transaction.non_atomic_requests
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """/admin/login/, in place of Django's admin login form (by pseudonym, unthrottled): send
    the visitor to allauth's sign-in and back; tell a signed-in account without access why,
    instead of sending it round again. Nothing posted here is read."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    if admin.site.has_permission(request):
        # Not redirect(): it would read a bare word in `next` as a URL pattern's name.
        return HttpResponseRedirect(next_url)
    return render(request, "forum/accounts/admin_refused.html", {"next": next_url}, status=403)
