"""PostgreSQL stopped and started again under load: while it is down, pages answer the friendly 503 in
the visitor's language (never a 500, a stack trace or no answer); afterwards they recover without
gunicorn being restarted (CONN_HEALTH_CHECKS drops the dead connections)."""

import time

from operations.errors import language_of

from .load import Load, public_paths
from .result import DrillResult, count, recovery_after
from .stack import BASE_URL

RECOVERY_LIMIT_SECONDS = 10


def friendly(answer):
    language = language_of(answer.path) or "ky"
    return (f'<section lang="{language}">' in answer.body and "error-page" in answer.body
            and "Traceback" not in answer.body and "psycopg" not in answer.body)  # fmt: skip


def run(stack, short):
    result = DrillResult("database-restart")
    load = Load(BASE_URL, public_paths(BASE_URL), max_seconds=180).start()
    try:
        time.sleep(3 if short else 10)
        before = stack.web_pids()
        stopped_at = time.monotonic()
        stack.stop_postgres()
        time.sleep(3 if short else 10)
        stack.start_postgres()
        restored_at = time.monotonic()
        time.sleep(12 if short else 20)
        after = stack.web_pids()
    finally:
        load.stop()
    count(result, load, allowed=(503,))
    result.recovery_seconds = recovery_after(load, restored_at)
    unavailable = [a for a in load.answers if a.status == 503]
    outside = [a for a in load.failed() if not stopped_at - 1 <= a.at <= restored_at + RECOVERY_LIMIT_SECONDS]
    result.notes.append(f"down {restored_at - stopped_at:.1f} s")
    worker = stack.processes.get("worker")
    if worker is None or worker.poll() is not None:
        result.notes.append("the task worker exited (its service manager restarts it)")
    if result.failed:
        statuses = sorted({a.status for a in load.failed((503,))})
        result.problems.append(f"{result.failed} answers other than the 503 page (statuses {statuses})")
    if not all(friendly(a) for a in unavailable):
        result.problems.append("a 503 was not the friendly page in the address's language")
    if outside:
        result.problems.append(f"{len(outside)} failures outside the restart and {RECOVERY_LIMIT_SECONDS} s after")
    if before != after:
        result.problems.append("gunicorn or its workers were restarted")
    return result
