"""Tasks for the background-work tests (module level: the worker imports them by path), and the
worker run inside a test."""

from unittest import mock

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from core.tasks import retried_task

calls = []


@retried_task(attempts=3, retry_after_seconds=60)
def flaky(fail_times):
    calls.append(1)
    if len(calls) <= fail_times:
        raise RuntimeError(f"failure {len(calls)}")
    return len(calls)


def run_worker():
    """`manage.py db_worker --batch`: runs every ready task, then returns. The worker closes stale
    connections between tasks; inside a test's transaction that would close the test's own."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
