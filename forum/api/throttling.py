"""Per-client rate limits on the API, counted in the cache under a keyed hash of the address.

DRF's throttles key their counters by the client's raw IP address; Agora stores none, not
even in a cache. The address is the one allauth's sign-in limits read (the trusted-proxy
settings: DJANGO_TRUSTED_PROXY_COUNT, DJANGO_TRUSTED_CLIENT_IP_HEADER), so that behind the
proxy each client is counted, not the proxy, and a forged X-Forwarded-For changes nothing
elsewhere. The rates are read on each request from settings.AGORA_API_RATES.
"""

from __future__ import annotations

import hashlib
import hmac

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def client_key(request) -> str:
    """A stable, unlinkable name for the client's address (HMAC with the secret key)."""
    try:
        address = get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        # A forwarded-for chain shorter than the trusted proxies (allauth refuses it), or no
        # address at all: count under the connection's own address.
        address = request.META.get("REMOTE_ADDR", "")
    key = hashlib.sha256(f"{settings.SECRET_KEY}:agora-api-throttle".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


class _RateFromSettings:
    def get_rate(self) -> str | None:
        return settings.AGORA_API_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        return client_key(request)


class AnonymousClientThrottle(_RateFromSettings, AnonRateThrottle):
    """Anonymous reads, per client address."""


class SignedInThrottle(_RateFromSettings, UserRateThrottle):
    """Signed-in sessions, per account (DRF keys those by the account, not the address)."""
