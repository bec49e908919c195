"""A request id on every request, its response and every log record written while it runs."""

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# A proxy's id is kept only if it is short and plain, so a log line cannot be forged through it.
SANE = re.compile(r"^[A-Za-z0-9._-]{8,128}$")

current_request_id = ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request.id = offered if SANE.match(offered) else uuid.uuid4().hex
        # Not reset on the way out: Django logs a 5xx answer after the middleware chain has returned.
        # The next request on this thread (or its own context under ASGI) sets its own id.
        current_request_id.set(request.id)
        response = self.get_response(request)
        response[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Adds record.request_id (or "-" outside a request) for the formatter."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
