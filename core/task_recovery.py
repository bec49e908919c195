"""Tasks left claimed by a worker that died: put back in the queue, once that worker is known dead.

django-tasks-db marks a task RUNNING when a worker claims it and only the same worker marks it finished.
A worker killed in the middle (SIGKILL, the OOM killer, a power cut) leaves the task RUNNING forever:
no worker takes it again. Our workers carry an id that names their host and process
(`task_worker_id`), so a worker starting on the same host can tell that the claimant's process is gone
and release its task at once. A claim older than TASK_ABANDONED_AFTER_SECONDS is released whoever made
it (a machine that never came back). Released tasks run again from the start, so every task must be
idempotent (core.tasks; ours upsert, recompute or check before they act).
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

SEPARATOR = "/"


def task_worker_id():
    """host/pid/random: unique across the pool (the worker's rule) and readable by release_abandoned_tasks."""
    host = socket.gethostname()[:40]
    return SEPARATOR.join([host, str(os.getpid()), get_random_string(12)])


def process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def claimant_is_dead(worker_id, host=None):
    """True only when worker_id names a process on this host that no longer runs."""
    parts = (worker_id or "").split(SEPARATOR)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # a worker id we did not make (plain db_worker): only the age rule applies
    return parts[0] == (host or socket.gethostname()[:40]) and not process_alive(int(parts[1]))


def release_abandoned_tasks(now=None, own_worker_id=None):
    """Put abandoned RUNNING tasks back to READY; returns how many. Safe to run from several workers.

    own_worker_id: a worker starting over after losing the database releases its own claims too (the
    task it held could not be marked finished)."""
    now = now or timezone.now()
    too_old = now - timedelta(seconds=settings.TASK_ABANDONED_AFTER_SECONDS)
    released = 0
    with transaction.atomic():
        # Locked rows are being finished by their worker right now: skip them rather than wait.
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            claimant = result.worker_ids[-1] if result.worker_ids else ""
            mine = own_worker_id is not None and claimant == own_worker_id
            if not (mine or claimant_is_dead(claimant) or (result.started_at and result.started_at < too_old)):
                continue
            logger.warning(
                "Task %s (%s) was left running by worker %s since %s; queued again.",
                result.id, result.task_path, claimant, result.started_at,
            )  # fmt: skip
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            released += 1
    return released
