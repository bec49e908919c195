"""The request's Wagtail site, found once per process and content version instead of once per page.

Wagtail finds the site of every page request with a query (the host and port against the sites).
Sites change rarely, and saving one moves the content version (core.content_version), so the site
found is kept like the other shared lookups (core.memo). Only the requests Wagtail serves ask: the
others (static files, the API, health checks) pay nothing.

Each request gets its own copy of the site and of its root page: Wagtail caches the root's specific
page on that object, and a page object shared by concurrent requests would carry one request's
attributes into another's. A database that does not answer is left to Wagtail's own lookup, in the
view: an error there gets the outage page (operations.errors), one raised here would be a bare 500.
"""

import copy

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

from . import memo


def _own_copy(site):
    if site is None:
        return None
    mine = copy.copy(site)  # a model's copy has its own related-object cache
    mine.root_page = copy.copy(site.root_page)
    return mine


class SharedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve and not hasattr(request, "_wagtail_site"):
            hostname = split_domain_port(request._get_raw_host())[0]
            key = ("wagtail-site", hostname, request.get_port())
            try:
                shared = memo.remember_shared(key, lambda: Site.find_for_request(request))
            except DatabaseError:
                return None
            request._wagtail_site = _own_copy(shared)  # where Wagtail's find_for_request keeps it
