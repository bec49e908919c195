"""Health endpoints for the proxy, the orchestrator and the operator.

/healthz says the process answers (no database, no cache: a liveness probe must not fail because a
dependency does). /readyz checks each part and answers JSON; a required part that is down makes it
503, so a load balancer stops sending visitors to this machine. Optional parts (by default all but
the database: the site answers uncached, searches fall back to the database, tasks wait) are
reported as "degraded" with 200. Nothing in the answer names a host, a URL or a version.

Higher apps add their own checks (the search engine) through register_check from their apps.py.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .task_backlog import backlog

logger = logging.getLogger(__name__)

_checks = {}


def register_check(name, check):
    """check() returns a dict with at least "ok" (bool); it may raise, which counts as down."""
    _checks[name] = check


def database_check():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def cache_check():
    cache = caches["default"]
    if not hasattr(cache, "ping"):
        return {"ok": True, "shared": False}  # a per-process memory cache is always there
    return {"ok": cache.ping(), "shared": True}


def tasks_check():
    waiting = backlog()
    limit = getattr(settings, "READYZ_TASK_BACKLOG_LIMIT", 1000)
    return {"ok": waiting["queued"] <= limit, **waiting}


register_check("database", database_check)
register_check("cache", cache_check)
register_check("tasks", tasks_check)


def required_parts():
    return set(getattr(settings, "READYZ_REQUIRED", ["database"]))


def run_checks():
    results = {}
    for name, check in _checks.items():
        try:
            result = dict(check())
        except Exception as error:  # noqa: BLE001 - any failure of a check means that part is down
            logger.error("Readiness check %s failed: %s", name, error)
            result = {"ok": False}
        result["required"] = name in required_parts()
        results[name] = result
    return results


@never_cache
@require_GET
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    checks = run_checks()
    if all(result["ok"] for result in checks.values()):
        status, code = "ok", 200
    elif all(result["ok"] for result in checks.values() if result["required"]):
        status, code = "degraded", 200
    else:
        status, code = "down", 503
    return JsonResponse({"status": status, "checks": checks}, status=code)
