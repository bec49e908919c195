"""The worker drill's task: it records every start and, once only, its effect, in files the drill reads.

It is idempotent the way the project's tasks must be (core.task_recovery): the effect is guarded by a
marker created atomically (O_EXCL), so a run repeated after a crash does not act twice. Each start is
appended to attempts.log and each effect to effects.log, so a task lost (no effect) or done twice
(two effects) shows in the counts.
"""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def record_drill_effect(token, directory, work_seconds=0.0):
    folder = Path(directory)
    with open(folder / "attempts.log", "a") as attempts:
        attempts.write(f"{token} {os.getpid()}\n")
    time.sleep(work_seconds)  # the window in which the drill kills the worker
    try:
        marker = os.open(folder / f"{token}.done", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return "already done"
    os.close(marker)
    with open(folder / "effects.log", "a") as effects:
        effects.write(f"{token}\n")
    return "done"
