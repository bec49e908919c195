"""Benchmarks: production-like (DEBUG off) on a separate SQLite file, so the dev database is untouched."""

from .test import *  # noqa: F401,F403
from .base import BASE_DIR, os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DATABASE", str(BASE_DIR / "bench.sqlite3")),
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
