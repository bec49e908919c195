"""A Redis cache that treats an unreachable Redis as an empty cache.

Django's RedisCache raises when Redis is down, which would turn every cached page into a 500. Here a
connection error or timeout becomes a miss (reads) or a no-op (writes): pages are computed as if
nothing were cached, and the outage is logged at most once a minute per process, with the number of
failed calls since the last message.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_INTERVAL_SECONDS = 60


class _OutageLog:
    """Logs the first failure, then at most one summary per interval."""

    def __init__(self, interval):
        self.interval = interval
        self.lock = threading.Lock()
        self.last_logged = None
        self.suppressed = 0

    def failed(self, operation, error):
        now = time.monotonic()
        with self.lock:
            if self.last_logged is not None and now - self.last_logged < self.interval:
                self.suppressed += 1
                return
            suppressed, self.suppressed, self.last_logged = self.suppressed, 0, now
        logger.error(
            "Cache unavailable (%s failed: %s); serving uncached.%s",
            operation, error, f" {suppressed} more failures since the last message." if suppressed else "",
        )  # fmt: skip


def _or_else(fallback):
    """Run the cache operation; if Redis cannot be reached, log it and return fallback(*args)."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.outage_log.failed(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found")  # what incr() raises for a missing key


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage_log = _OutageLog(LOG_INTERVAL_SECONDS)

    get = _or_else(lambda key, default=None, *args, **kwargs: default)(RedisCache.get)
    get_many = _or_else(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _or_else(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _or_else(lambda *args, **kwargs: False)(RedisCache.add)
    set = _or_else(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _or_else(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _or_else(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _or_else(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _or_else(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _or_else(_missing_key)(RedisCache.incr)
    clear = _or_else(lambda *args, **kwargs: False)(RedisCache.clear)

    def ping(self):
        """True when Redis answers (for /readyz); never raises."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNREACHABLE:
            return False
