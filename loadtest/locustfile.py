"""Locust users for the load test (run by `python -m loadtest`, i.e. `make loadtest`; headless).

`Parent` walks the weighted page mix (loadtest.targets.MIX) with 0.5–2 s between pages. The
saturation users ask as fast as they can for one thing each: a static file, a trivial view
(/robots.txt), a cached page (the home page), or the page mix without pauses.
The host must be http://127.0.0.1:<port>; anything else stops the run before a request is sent.
"""

import os
import random
from urllib.request import urlopen

from locust import FastHttpUser, between, constant, events, task

from loadtest import targets

DATA = targets.SiteData()


@events.test_start.add_listener
def _prepare(environment, **kwargs):
    base = targets.checked_host(environment.host)  # refuses anything but 127.0.0.1 before any traffic
    if os.environ.get("LOADTEST_DATA"):  # gathered once by loadtest.run for all its runs
        gathered = targets.SiteData.load(os.environ["LOADTEST_DATA"])
    else:
        gathered = targets.gather(lambda path: _get(base, path), random.Random(17))
    DATA.__dict__.update(gathered.__dict__)


def _get(base, path):
    with urlopen(base + targets.local_path(path), timeout=30) as response:
        return response.read().decode()


class _LocalUser(FastHttpUser):
    abstract = True
    default_headers = {"Accept-Language": "ky", "User-Agent": "achyk-loadtest"}

    def on_start(self):
        targets.checked_host(self.host)
        self.rng = random.Random()

    def visit(self, page_type, path):
        # Deliberate 503s (maintenance, a database restarting) are counted apart from other failures.
        with self.client.get(path, name=page_type, catch_response=True) as response:
            if response.status_code == 503:
                response.failure("503 (deliberate)")
            elif response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def visit_mix(self):
        names, weights = zip(*((name, weight) for name, (_build, weight) in targets.MIX.items()))
        page_type = self.rng.choices(names, weights=weights)[0]
        self.visit(page_type, targets.MIX[page_type][0](self.rng, DATA))


class Parent(_LocalUser):
    wait_time = between(0.5, 2)

    @task
    def browse(self):
        self.visit_mix()


class MixFlat(_LocalUser):
    """The page mix without pauses: the site's saturation throughput."""

    wait_time = constant(0)

    @task
    def browse(self):
        self.visit_mix()


class StaticFile(_LocalUser):
    wait_time = constant(0)

    @task
    def fetch(self):
        self.visit("static file", DATA.static_path)


class TrivialView(_LocalUser):
    wait_time = constant(0)

    @task
    def fetch(self):
        self.visit("trivial view", "/robots.txt")


class CachedPage(_LocalUser):
    wait_time = constant(0)

    @task
    def fetch(self):
        self.visit("cached page", DATA.cached_path)
