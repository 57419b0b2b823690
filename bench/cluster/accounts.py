"""Django in the checking process (same settings as the servers), and signed-in accounts made
without a password: a session written the way `Client.force_login` writes one."""

from __future__ import annotations

import datetime
import os
from importlib import import_module

from bench.cluster.launcher import Cluster


def django_ready(cluster: Cluster) -> None:
    """Set up Django with the cluster's settings (and its secret key: sessions are signed)."""
    os.environ.update(cluster.env)
    import django

    django.setup()


def signed_in_accounts(
    prefix: str, count: int, *, established: bool = True
) -> list[tuple[int, str]]:
    """`count` verified accounts named `prefix-N`, each with a session: (user id, session key).

    Established accounts are backdated two days, past the new-account rate limit (2 posts a
    minute), so that a load of many writers measures the servers, not that limit.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from forum.models import User

    joined = timezone.now() - datetime.timedelta(days=2 if established else 0)
    names = [f"{prefix}-{index}" for index in range(count)]
    users = User.objects.bulk_create(
        User(username=name, pseudonym_key=name, password=make_password(None), date_joined=joined)
        for name in names
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=f"{user.username}@load.invalid", verified=True, primary=True)
        for user in users
    )
    return [(user.pk, session_of(user)) for user in users]


def session_of(user) -> str:
    """A new session signed in as `user`, as `Client.force_login` writes one: its key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
