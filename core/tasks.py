"""Background tasks: enqueued once the transaction commits, retried a few times when they fail.

Tasks run through django-tasks (the same queue Wagtail 7.4 uses): at once inside the request in
development and tests (ImmediateBackend), from the database queue by `manage.py db_worker` in
production (django-tasks-db). A task made with retried_task that raises is logged and enqueued
again, after a growing pause where the backend can defer, until it has run `attempts` times; the last
failure is logged as an error and stays visible as a failed task.

enqueue_after_commit: with the database queue the task's row is written in the same transaction as
the change, so the worker can only see it once the change is committed (and a rolled-back change
takes its tasks with it); the inline backend runs the task now, inside the transaction, as the code
did before tasks. Any other backend (a broker outside the database) is enqueued on commit.
"""

import functools
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)

ATTEMPT = "_attempt"  # keyword argument carrying the attempt number into the next run


def retried_task(*, attempts=3, retry_after_seconds=30, **task_options):
    """Like django_tasks.task; a failure is retried until the function has run `attempts` times."""

    def decorator(func):
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)  # keeps the function's module path: the worker imports the task by it
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT, 1)
            try:
                return func(*args, **kwargs)
            except Exception as error:
                if attempt >= attempts:
                    logger.error("Task %s failed for good (attempt %d of %d): %r", name, attempt, attempts, error)
                    raise
                logger.warning("Task %s failed (attempt %d of %d), will retry: %r", name, attempt, attempts, error)
                retry = background
                if retry.get_backend().supports_defer:
                    delay = timedelta(seconds=retry_after_seconds * 2 ** (attempt - 1))
                    retry = retry.using(run_after=timezone.now() + delay)
                retry.enqueue(*args, **{**kwargs, ATTEMPT: attempt + 1})
                raise

        background = task(**task_options)(run)
        return background

    return decorator


def enqueue_after_commit(background_task, *args, **kwargs):
    """Enqueue so that the task runs only on committed data (see the module's note)."""
    if isinstance(background_task.get_backend(), (DatabaseBackend, ImmediateBackend)):
        background_task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: background_task.enqueue(*args, **kwargs))
