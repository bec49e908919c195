"""Times one wagtail/bakerydemo page the way `make bench` times ours, for a side-by-side figure.

Run by bench/__main__.py with bakerydemo's own interpreter (its venv, its Wagtail and Django) and
bakerydemo's folder as the working directory; it imports nothing of ours and prints one JSON line.
Settings as ours are benchmarked: DEBUG off, a per-process memory cache emptied before every cold
request, plain static files storage (no collectstatic), Django's test client (server time only); the
same untimed requests first as bench/cold_page.py makes.
`BAKERYDEMO_DATABASE_URL` points it at PostgreSQL; else bakerydemo's own SQLite file.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ["DJANGO_SETTINGS_MODULE"] = "bakerydemo.settings.base"
os.environ.pop("DATABASE_URL", None)
if os.environ.get("BAKERYDEMO_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BAKERYDEMO_DATABASE_URL"]

from django.conf import settings

settings.DEBUG = False
settings.ALLOWED_HOSTS = ["*"]
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

import django  # noqa: E402 - after the settings above

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main():
    from bakerydemo.blog.models import BlogPage

    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    page = BlogPage.objects.live().order_by("path").first()
    url = page.url
    client = Client()
    client.get(url)  # the first request of a process loads templates and URL patterns, as ours does
    for _ in range(repeat):  # then as a worker that has served a while: its heap grown, its code warm
        cache.clear()
        client.get(url)
    times, cpu = [], []
    for _ in range(repeat):  # timed without the query capture, as ours are (bench.__main__.timed)
        cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries, size = len(captured), len(response.content)
    print(
        json.dumps(
            {
                "url": url,
                "times": times,
                "cpu": cpu,
                "queries": queries,
                "bytes": size,
                "wagtail": __import__("wagtail").__version__,
                "django": django.get_version(),
                "database": connection.vendor,
            }
        )
    )


if __name__ == "__main__":
    main()
