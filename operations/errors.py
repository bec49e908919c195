"""Friendly 500 and 503 pages in the three languages, maintenance mode, and a database that is restarting.

The pages render from plain templates without the site's base template or any query, so they work when
the database does not."""

import logging
import os

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

LANGUAGE_CODES = ("ky", "ru", "en")
RETRY_AFTER_SECONDS = 120

MESSAGES = {
    500: (
        _("Something went wrong on our side"),
        _(
            "The page could not be shown because of an error on the site. It has been recorded; please try "
            "again in a few minutes."
        ),
    ),
    507: (
        _("The file could not be saved"),
        _("The server has no room for files right now. Nothing was changed; please try again later."),
    ),
    503: (
        _("The site is being serviced"),
        _(
            "The site is briefly unavailable for maintenance. Please come back in a few minutes; nothing you "
            "saved is lost."
        ),
    ),
}


def language_of(path):
    """The language of a /ky/, /ru/ or /en/ address, or None when the address does not say."""
    prefix = path.lstrip("/").split("/", 1)[0]
    return prefix if prefix in LANGUAGE_CODES else None


def error_response(status, path, request_id=None):
    """The page in the address's language; in all three when the address does not say which."""
    language = language_of(path)
    versions = []
    for code in [language] if language else LANGUAGE_CODES:
        with translation.override(code):
            title, text = MESSAGES[status]
            versions.append(
                {
                    "code": code,
                    "title": str(title),
                    "text": str(text),
                    "reference": str(_("Reference")),
                    "home": str(_("Home page")),
                }
            )
    body = loader.render_to_string(
        f"{status}.html",
        {
            "versions": versions,
            "language": language or "ky",
            "request_id": request_id,
        },
    )
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    """handler500: no request context is trusted, only the address and the request id."""
    return error_response(500, request.path, getattr(request, "id", None))


def maintenance_on():
    path = getattr(settings, "MAINTENANCE_FILE", "")
    return bool(getattr(settings, "MAINTENANCE_MODE", False)) or bool(path and os.path.exists(path))


class MaintenanceModeMiddleware:
    """503 with Retry-After while MAINTENANCE_MODE is set or the MAINTENANCE_FILE exists (switched on and off
    without a restart by touching or removing the file); health checks still answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if maintenance_on() and not request.path.startswith(tuple(settings.MAINTENANCE_EXEMPT_PATHS)):
            return error_response(503, request.path, getattr(request, "id", None))
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A database that is restarting (connection refused or dropped) answers the friendly 503, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return error_response(503, request.path, getattr(request, "id", None))
        return None
