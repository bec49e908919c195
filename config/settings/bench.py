"""Benchmarks: production-like (DEBUG off) on a separate database, so the dev database is untouched:
`DATABASE_URL` (PostgreSQL) when set, else the SQLite file `BENCH_DATABASE` (default bench.sqlite3)."""

from .base import BASE_DIR, dj_database_url, os, prepared_statements
from .test import *  # noqa: F401,F403

if os.environ.get("DATABASE_URL"):
    # Connections kept and checked before reuse, as production keeps them (production.py): a new
    # PostgreSQL connection per request would add its set-up (about 3 ms) to every figure.
    DATABASES = {
        "default": prepared_statements(
            dj_database_url.parse(
                os.environ["DATABASE_URL"],
                conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
                conn_health_checks=True,
            )
        )
    }
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
