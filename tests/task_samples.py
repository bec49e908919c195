"""Tasks for the background-work tests (module level: the worker imports them by path)."""

from core.tasks import retried_task

calls = []


@retried_task(attempts=3, retry_after_seconds=60)
def flaky(fail_times):
    calls.append(1)
    if len(calls) <= fail_times:
        raise RuntimeError(f"failure {len(calls)}")
    return len(calls)
