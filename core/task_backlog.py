"""How much background work waits, for /readyz and search_health.

Only the database task backend (production) has a backlog; the immediate backend of development and
tests runs every task inside the request, so nothing ever waits there.
"""

from datetime import timedelta

from django.db.models import Min
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def queued_in_database() -> bool:
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def backlog() -> dict:
    """Tasks waiting to run, running, failed in the last day, and the wait of the oldest waiting one."""
    if not queued_in_database():
        return {"queued": 0, "running": 0, "failed_last_day": 0, "oldest_queued_seconds": 0, "queue": "inline"}
    now = timezone.now()
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    return {
        "queued": waiting.count(),
        "running": DBTaskResult.objects.running().count(),
        "failed_last_day": DBTaskResult.objects.failed().filter(finished_at__gte=now - timedelta(days=1)).count(),
        "oldest_queued_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "queue": "database",
    }
