"""Whole public pages kept in the shared cache for anonymous visitors, keyed by the content version.

Most visitors in admission season ask for the same pages; rendering each again costs the database
and the templates tens of milliseconds, a cached copy one Redis read. A copy is made only of what
core.headers.CacheControlMiddleware calls public (a 200 to GET that never read the session, set no
cookie and put no CSRF token in the page, outside PRIVATE_PATH_PREFIXES, not streamed), and is only
ever served to a request without a session cookie, so nobody signed in gets or makes one. The key
holds the content version and the day (core.content_version): any publish, or midnight, makes every
copy unreachable, just like the fragments. The header values a response varies on (Vary) are part of
the key, as in Django's own cache middleware; a copy of a page whose key cannot be read (the database
restarting) is simply not used.
"""

import hashlib
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from . import content_version
from .headers import CacheControlMiddleware

HEADER = "X-Page-Cache"  # hit or miss, for the load test and for operators reading responses
LARGEST_BYTES = 1_000_000  # big downloads are not worth a cache slot
NEVER = ("/healthz", "/readyz")  # probes must say how things are now


def _digest(*parts):
    return hashlib.md5("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self.may_use(request):
            return self.get_response(request)
        try:
            version = content_version.current()
        except DatabaseError:
            return self.get_response(request)  # DatabaseUnavailableMiddleware answers for the database
        with content_version.held(version):
            return self.cached_or_rendered(request, f"page:{version}:{date.today().isoformat()}", seconds)

    def cached_or_rendered(self, request, prefix, seconds):
        url_key = f"{prefix}:{_digest(request.build_absolute_uri())}"
        vary = cache.get(f"{url_key}:vary")
        if vary is not None:
            stored = cache.get(self.key(url_key, request, vary))
            if stored is not None:
                return self.rebuild(stored)
        response = self.get_response(request)
        if self.may_store(request, response):
            vary = self.vary_of(response)
            stored = (response.status_code, list(response.items()), response.content)
            cache.set_many({f"{url_key}:vary": vary, self.key(url_key, request, vary): stored}, seconds)
            response[HEADER] = "miss"
        return response

    @staticmethod
    def may_use(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(tuple(settings.PRIVATE_PATH_PREFIXES))
            and not request.path.startswith(NEVER)
        )

    @staticmethod
    def may_store(request, response):
        return (
            not response.streaming
            and CacheControlMiddleware.is_public(request, response)
            and not response.has_header("Cache-Control")  # a view that chose its own caching keeps it
            and not response.has_header("Set-Cookie")
            and len(response.content) <= LARGEST_BYTES
        )

    @staticmethod
    def vary_of(response):
        return sorted({name.strip().lower() for name in cc_delim_re.split(response.get("Vary", "")) if name.strip()})

    @staticmethod
    def key(url_key, request, vary):
        return f"{url_key}:{_digest(*(request.headers.get(name, '') for name in vary))}"

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response
