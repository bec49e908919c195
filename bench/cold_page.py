"""Times one of our pages cold in a process of its own, as bench/bakerydemo_page.py times bakerydemo's.

`python -m bench.cold_page URL REPEAT` prints one JSON line: the wall and CPU times of REPEAT requests,
the cache emptied before each, after one untimed request (the process's first loads templates and URL
patterns). The side-by-side figures are timed this way for both sites: two processes doing the same
work measured 19–22 ms for the same profile (memory layout, the machine), so a run in the benchmark's
own long-lived process could favour or handicap ours against bakerydemo's fresh one.
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django

django.setup()

from django.core.cache import cache
from django.test import Client


def main():
    url, repeat = sys.argv[1], int(sys.argv[2])
    client = Client()
    client.get(url)
    times, cpu = [], []
    for _ in range(repeat):
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
