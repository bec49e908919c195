"""Derived data that every save or publish refreshes, refreshed once for everything by a bulk writer.

Signal handlers that keep derived rows in step (stored accreditation statuses, transparency scores,
similar lists, editors' groups) hand their work to `run_or_batch(name, run, keys)`. Normally it runs
at once: `run(keys)`. Inside `batched()` the keys are gathered per name instead, and when the block
ends without an error each `run` is called once with all of them, in the order the names first
came. A bulk load that publishes hundreds of pages so refreshes each institution once, not once per
save of each of its pages. The state is process-wide: for management commands, not requests.
"""

from contextlib import contextmanager

_batch = None  # {name: (run, keys)} while a batch is open


@contextmanager
def batched():
    global _batch
    if _batch is not None:  # nested: the outermost batch runs everything
        yield
        return
    _batch = {}
    try:
        yield
        pending = _batch
    finally:
        _batch = None
    for run, keys in pending.values():
        run(keys)


def run_or_batch(name, run, keys):
    """`run(set of keys)` now, or once at the end of the open batch with every key given under `name`."""
    keys = set(keys)
    if _batch is None:
        if keys:
            run(keys)
        return
    _batch.setdefault(name, (run, set()))[1].update(keys)
