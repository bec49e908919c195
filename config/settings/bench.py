"""Benchmarks: production-like (DEBUG off) on a separate database, so the dev database is untouched:
`DATABASE_URL` (PostgreSQL) when set, else the SQLite file `BENCH_DATABASE` (default bench.sqlite3)."""

from .base import BASE_DIR, dj_database_url, os
from .test import *  # noqa: F401,F403

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BENCH_DATABASE", str(BASE_DIR / "bench.sqlite3")),
        }
    }
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks queued in the database as production has them (a page that queues a task pays one INSERT, the
# worker does the rest); the immediate backend would time the worker's job inside the visitor's request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
