"""`python -m operations.drills [--short] [--only NAME ...]`: run the fault drills, print one line each
and a summary table (also written to .drills/summary.txt); exit 1 if any failed."""

import argparse
import contextlib
import os
import signal
import sys
import time

from .result import DrillResult
from .stack import STATE, Stack, reset_state

DRILLS = ["redis-outage", "search-outage", "worker-kill", "database-restart", "media-disk-full"]
# The whole run stops itself after this long, whatever hangs.
TIME_LIMIT_SECONDS = {True: 6 * 60, False: 20 * 60}


class TimeLimit(Exception):
    pass


def stop_on(signum, frame):
    raise TimeLimit(f"stopped by {signal.Signals(signum).name}")


def main():
    parser = argparse.ArgumentParser(prog="python -m operations.drills")
    parser.add_argument("--short", action="store_true", help="the short form CI runs")
    parser.add_argument("--only", nargs="+", choices=DRILLS, help="run only these drills")
    options = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("The drills need root (their own PostgreSQL cluster, a tmpfs for the full disk).")
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
        signal.signal(signum, stop_on)
    signal.alarm(TIME_LIMIT_SECONDS[options.short])
    reset_state()
    started = time.monotonic()
    stack = Stack()
    names = options.only or DRILLS
    results = []
    try:
        with contextlib.ExitStack() as cleanup:
            cleanup.callback(stack.finish)
            stack.prepare()
            os.environ.update(stack.environment())
            import django  # only now: the settings read the environment the stack just made

            django.setup()
            from . import (
                database_restart,
                media_disk_full,
                redis_outage,
                search_outage,
                worker_kill,
            )

            modules = dict(zip(DRILLS, [redis_outage, search_outage, worker_kill, database_restart, media_disk_full]))
            # The full-disk drill needs gunicorn's MEDIA_ROOT on a tmpfs; the others do not mind it.
            full_disk = cleanup.enter_context(media_disk_full.media_on_tmpfs()) if "media-disk-full" in names else None
            cleanup.callback(stack.stop)  # before the tmpfs is unmounted (an ExitStack unwinds last-in first)
            if options.short:  # one stack for all: each drill restores what it broke (about 4 minutes)
                stack.start(media_root=full_disk)
            for name in names:
                results.append(run_drill(stack, modules[name], name, options.short, full_disk))
    finally:
        signal.alarm(0)
    summary = table(results, time.monotonic() - started, options.short)
    (STATE / "summary.txt").write_text(summary)
    print(summary)
    sys.exit(0 if results and all(r.passed for r in results) else 1)


def run_drill(stack, module, name, short, full_disk):
    """The long form starts the stack for each drill and stops it after."""
    drill_started = time.monotonic()
    try:
        if not short:
            stack.start(media_root=full_disk if name == "media-disk-full" else None)
        result = module.run(stack, short)
    except TimeLimit:
        raise
    except Exception as error:  # noqa: BLE001 - a drill that breaks is a failed drill, the rest still run
        result = DrillResult(name, problems=[f"the drill itself failed: {error!r}"])
    finally:
        if not short:
            stack.stop()
    result.notes.append(f"{time.monotonic() - drill_started:.0f} s")
    print(result.line(), flush=True)
    return result


def table(results, seconds, short):
    rows = [f"Fault drills ({'short' if short else 'long'} form), {seconds:.0f} s in all; logs in {STATE}/",
            f"{'drill':<18} {'result':<6} {'requests':>8} {'failed':>6} {'503s':>5} {'recovery s':>10}"]  # fmt: skip
    for r in results:
        rows.append(f"{r.name:<18} {'PASS' if r.passed else 'FAIL':<6} {r.sent:>8} {r.failed:>6} "
                    f"{r.answered_503:>5} {r.recovery_seconds:>10.1f}")  # fmt: skip
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    main()
