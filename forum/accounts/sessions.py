"""Sessions read from the shared cache and kept in the database (`cached_db`), with a copy in
the cache that lives minutes, not the session's weeks.

The database row is the session; the cache only spares a query. If the cache can't be told
that a session ended (Redis slow or unreachable at the moment a citizen signs out on a
shared computer), Django's own `cached_db` would keep serving the ended session from its copy
for as long as the session would have lasted. Here the copy expires after
`SESSION_CACHE_SECONDS`, so a sign-out reaches every app server within that time at worst,
at the cost of one query per reader every few minutes.
"""

from __future__ import annotations

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore

SESSION_CACHE_SECONDS = 300


class _BoundedCache:
    """The cache, with every `set` kept at most SESSION_CACHE_SECONDS."""

    def __init__(self, cache) -> None:
        self._inner = cache

    def set(self, key, value, timeout=None, version=None):
        timeout = SESSION_CACHE_SECONDS if timeout is None else min(timeout, SESSION_CACHE_SECONDS)
        return self._inner.set(key, value, timeout, version)

    async def aset(self, key, value, timeout=None, version=None):
        timeout = SESSION_CACHE_SECONDS if timeout is None else min(timeout, SESSION_CACHE_SECONDS)
        return await self._inner.aset(key, value, timeout, version)

    def __contains__(self, key) -> bool:
        return key in self._inner

    def __getattr__(self, name):
        return getattr(self._inner, name)


class SessionStore(CachedDbSessionStore):
    def __init__(self, session_key=None) -> None:
        super().__init__(session_key)
        self._cache = _BoundedCache(self._cache)
