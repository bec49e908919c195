"""A worker killed mid-task: the task it held is queued again and then runs once (core.task_recovery)."""

import socket
import subprocess
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from core.task_recovery import release_abandoned_tasks, task_worker_id

from .task_samples import calls, flaky, run_worker

HOST = socket.gethostname()[:40]


@pytest.fixture
def queue(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    calls.clear()


def dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def claimed_by(worker_id, started_ago=timedelta(0)):
    """A queued task that a worker has claimed (RUNNING), as the worker's own claim() leaves it."""
    flaky.enqueue(fail_times=0)
    result = DBTaskResult.objects.get()
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started_ago)
    return result


def test_a_task_left_by_a_dead_worker_on_this_host_runs_again_once(queue):
    claimed_by(f"{HOST}/{dead_pid()}/abc")
    run_worker()
    assert calls == []  # as django-tasks-db leaves it: claimed forever, never run
    assert release_abandoned_tasks() == 1
    run_worker()
    assert calls == [1]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert release_abandoned_tasks() == 0  # nothing left to release, nothing run twice


def test_a_task_held_by_a_live_worker_is_left_alone(queue):
    claimed_by(task_worker_id())  # this very process: alive
    assert release_abandoned_tasks() == 0
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_a_claim_from_another_machine_is_released_only_when_too_old(queue, settings):
    settings.TASK_ABANDONED_AFTER_SECONDS = 3600
    result = claimed_by("other-machine/123/abc", started_ago=timedelta(minutes=10))
    assert release_abandoned_tasks() == 0
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - timedelta(hours=2))
    assert release_abandoned_tasks() == 1
    assert DBTaskResult.objects.get().status == "READY"


def test_a_plain_worker_id_is_judged_by_age_alone(queue):
    claimed_by("e2f0c1d9a8b7")  # db_worker's random id says nothing about its process
    assert release_abandoned_tasks() == 0


def test_task_worker_releases_what_a_dead_worker_left_then_runs_it(queue):
    claimed_by(f"{HOST}/{dead_pid()}/abc")
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("task_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    result = DBTaskResult.objects.get()
    assert calls == [1] and result.status == "SUCCESSFUL"
    assert result.worker_ids[-1].startswith(f"{HOST}/")  # the new worker's id names its host and process


def test_a_worker_that_lost_the_database_takes_back_its_own_claim(queue):
    mine = task_worker_id()
    claimed_by(mine)  # alive, but it could not mark the task finished
    assert release_abandoned_tasks(own_worker_id="someone-else") == 0
    assert release_abandoned_tasks(own_worker_id=mine) == 1
