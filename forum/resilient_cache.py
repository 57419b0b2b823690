"""Django's Redis cache, made to degrade to no cache while Redis is unreachable.

Agora keeps nothing in the cache that it can't rebuild: readers' pages and fragments, the
sign-in rate limits' history, debounce markers for background work. Sessions are stored in
the database behind it (`cached_db`). So an outage may cost speed, never a request: a read
misses, a write is dropped, and `add`, which callers use as "nobody is doing this yet", says
yes (allauth waits in a loop on `add` for its rate-limit lock; the debounced tasks it guards
are idempotent, so doing one twice is the lesser harm). Short socket timeouts (the settings)
keep a dead Redis from holding every worker for the default of forever, and after a failure
the process leaves Redis alone for `_PAUSE` seconds: a Redis that drops packets instead of
refusing them would otherwise cost every request its timeout once per cache call. Failures
are logged once per `_LOG_EVERY` seconds per process, not once per request.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_LOG_EVERY = 30.0
_PAUSE = 2.0


class _Paused(RedisError):
    """Raised instead of asking Redis while the pause after a failure lasts."""


class ResilientRedisCache(RedisCache):
    # Per process (a sync worker keeps its cache object from request to request); the pause
    # per cache object, so that another configuration in the same process starts afresh.
    _last_logged = 0.0
    _paused_until = 0.0

    @property
    def _cache(self):
        if time.monotonic() < self._paused_until:
            raise _Paused("paused after a failure")
        # Made once, as RedisCache's own cached property does: it holds the connection pools.
        client = self.__dict__.get("_agora_client")
        if client is None:
            client = self.__dict__["_agora_client"] = self._class(self._servers, **self._options)
        return client

    def _failed(self, operation: str, error: RedisError) -> None:
        if isinstance(error, _Paused):
            return
        now = time.monotonic()
        self._paused_until = now + _PAUSE
        if now - ResilientRedisCache._last_logged >= _LOG_EVERY:
            ResilientRedisCache._last_logged = now
            logger.warning("cache unavailable (%s): %s; serving without it", operation, error)

    def _or(self, operation: str, fallback, call, *args):
        """`call(*args)`, or `fallback` when Redis fails (logged, then paused)."""
        try:
            return call(*args)
        except RedisError as error:
            self._failed(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._or("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or("has_key", False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or("add", True, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._or("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._or("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._failed("incr", error)
            # What the base class answers for a key it doesn't hold.
            raise ValueError(f"Key '{key}' not found") from error

    def clear(self):
        return self._or("clear", False, super().clear)
