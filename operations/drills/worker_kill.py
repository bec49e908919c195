"""The task worker killed (SIGKILL) in the middle of a task: after the restart the task runs again and
its effect happens exactly once; a task queued while no worker ran is not lost either."""

import secrets
import time

from django.db import connections
from django_tasks_db.models import DBTaskResult

from .load import Load, public_paths
from .result import DrillResult, count
from .stack import BASE_URL, STATE, wait_until
from .tasks import record_drill_effect

WORK_SECONDS = 8


def lines(path):
    return path.read_text().split() if path.exists() else []


def status_of(result):
    connections.close_all()  # the runner's connection may be older than a restart
    return DBTaskResult.objects.get(pk=result.id).status


def run(stack, short):
    result = DrillResult("worker-kill")
    folder = STATE / "effects"
    folder.mkdir(exist_ok=True)
    interrupted, queued = f"interrupted-{secrets.token_hex(3)}", f"queued-{secrets.token_hex(3)}"
    load = Load(BASE_URL, public_paths(BASE_URL), max_seconds=180).start()
    try:
        time.sleep(2 if short else 10)
        first = record_drill_effect.enqueue(interrupted, str(folder), WORK_SECONDS)
        wait_until(lambda: interrupted in (folder / "attempts.log").read_text()
                   if (folder / "attempts.log").exists() else False, 30, "the task's start")  # fmt: skip
        time.sleep(1)
        stack.kill_worker()
        time.sleep(1)
        stuck = status_of(first)
        second = record_drill_effect.enqueue(queued, str(folder), 0)
        stack.start_worker()
        restarted_at = time.monotonic()
        wait_until(lambda: status_of(first) == status_of(second) == "SUCCESSFUL", 60, "both tasks finished")
        result.recovery_seconds = time.monotonic() - restarted_at
        time.sleep(2 if short else 10)
    finally:
        load.stop()
    count(result, load)
    effects, attempts = lines(folder / "effects.log"), lines(folder / "attempts.log")
    runs = sum(1 for word in attempts if word == interrupted)
    result.notes.append(f"left {stuck} by the killed worker, run {runs}× in all, effect {effects.count(interrupted)}×; "
                        f"queued meanwhile: effect {effects.count(queued)}×")  # fmt: skip
    connections.close_all()
    if DBTaskResult.objects.running().filter(pk__in=[first.id, second.id]).exists():
        result.problems.append("a task is still marked running")
    if effects.count(interrupted) != 1 or effects.count(queued) != 1:
        result.problems.append("an effect was lost or done twice")
    if runs < 2:
        result.problems.append("the interrupted task was not run again")
    if result.failed:
        result.problems.append(f"{result.failed} page requests failed")
    return result
