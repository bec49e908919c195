"""Redis stopped for 20 s under load: every page still answers (core.cache.ResilientRedisCache)."""

import time

from .load import Load, public_paths
from .result import DrillResult, count, recovery_after
from .stack import BASE_URL

OUTAGE_SECONDS = 20


def run(stack, short):
    result = DrillResult("redis-outage")
    load = Load(BASE_URL, public_paths(BASE_URL), max_seconds=120).start()
    try:
        time.sleep(3 if short else 10)
        stack.stop_redis()
        stopped_at = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        stack.start_redis()
        restored_at = time.monotonic()
        time.sleep(5 if short else 15)
    finally:
        load.stop()
    count(result, load)
    result.recovery_seconds = recovery_after(load, restored_at)
    during = load.between(stopped_at, restored_at)
    result.notes.append(f"{len(during)} pages served while Redis was down")
    if result.failed:
        result.problems.append(
            f"{result.failed} page requests failed (statuses {sorted({a.status for a in load.failed()})})"
        )
    if not during:
        result.problems.append("no request was answered during the outage")
    return result
