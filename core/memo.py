"""Lookups made once instead of once per template tag.

- `remember`: once per request. Shared data that several tags of one page ask for (the content version,
  the restricted paths, the glossary). Kept only while a request runs (between Django's request_started
  and request_finished); commands, tasks and tests outside a request compute every time.
- `remember_shared`: once per process and content version, for data every page shows alike (the site's
  root paths, the index pages' URLs, the restricted paths, the glossary); in requests only, like `remember`. The page fragments in the
  cache are per page, so after a change most requests are cold for their page, not for these.
  The version comes from a source the pages app registers (it owns the content version).

Any public write drops both (core.content_version calls `forget`), so a process reads its own change
at once; other processes see the new version after the commit.
"""

import threading

from asgiref.local import Local
from django.db import connection

_state = Local()  # per thread and per async task, like the request itself
_shared = {"version": None, "values": {}}
_shared_lock = threading.Lock()
_version_source = None


def start(**_kwargs):
    _state.values = {}


def end(**_kwargs):
    _state.values = None


def set_version_source(source):
    global _version_source
    _version_source = source


def forget():
    values = getattr(_state, "values", None)
    if values:
        values.clear()
    forget_shared()


def forget_shared():
    with _shared_lock:
        _shared["version"], _shared["values"] = None, {}


def remember(key, compute):
    """compute() once per request under `key` (every time outside a request)."""
    values = getattr(_state, "values", None)
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def remember_shared(key, compute):
    """compute() once per process while the content version stays the same (and once per request)."""
    return remember(("shared", key), lambda: _shared_value(key, compute))


def _inside_transaction():
    """An open atomic block of the code (a test case's own blocks aside): what it reads may yet roll back."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _shared_value(key, compute):
    # Outside a request (tasks, commands) nothing is kept: reading the version would cost a query too.
    if _version_source is None or getattr(_state, "values", None) is None or _inside_transaction():
        return compute()
    version = _version_source()
    with _shared_lock:
        if _shared["version"] == version and key in _shared["values"]:
            return _shared["values"][key]
    value = compute()
    with _shared_lock:
        if _shared["version"] != version:
            _shared["version"], _shared["values"] = version, {}  # only the current version's values are kept
        _shared["values"][key] = value
    return value
