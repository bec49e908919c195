"""Times one of our pages cold in a process of its own, as bench/bakerydemo_page.py times bakerydemo's.

`python bench/cold_page.py URL REPEAT [changed]`, from the project's folder, prints one JSON line: the
wall and CPU times of REPEAT requests, the cache emptied before each; with `changed`, the content
version moved on before each too, as a publish does (nothing cached, nothing kept). Before them, REPEAT
more untimed, as a worker that has served a while (its code warm, its heap grown). Both sites are timed
this way, each in a new process started as a script, so neither gains from the other's conditions.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.getcwd())  # started as a script, as bakerydemo's is (see bench.__main__.cold_in_own_process)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django

django.setup()

from django.core.cache import cache
from django.test import Client

from core import content_version


def main():
    url, repeat = sys.argv[1], int(sys.argv[2])
    changed = sys.argv[3:] == ["changed"]
    client = Client()
    client.get(url)
    for _ in range(repeat):  # then as a worker that has served a while: its heap grown, its code warm
        cache.clear()
        client.get(url)
    times, cpu = [], []
    for _ in range(repeat):
        if changed:
            content_version._bump_now()
        cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    print(json.dumps({"url": url, "times": times, "cpu": cpu}))


if __name__ == "__main__":
    main()
