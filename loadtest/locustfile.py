"""Locust users for the load test (run by `python -m loadtest`, i.e. `make loadtest`; headless).

`Parent` walks the weighted page mix (loadtest.targets.MIX) with 0.5–2 s between pages. The
saturation users ask as fast as they can for one thing each: a static file, a trivial view
(/robots.txt), a cached page (the home page), or the page mix without pauses.
The host must be http://127.0.0.1:<port>; anything else stops the run before a request is sent.
"""

import json
import os
import random
import re
from urllib.request import urlopen

from locust import FastHttpUser, between, constant, events, task

from loadtest import targets

DATA = targets.SiteData()
_COMPARE_ID = re.compile(r"[?&;]compare=(\d+)")
_STATIC = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
_PAGES_READ = 4  # API pages of 100 read per language for profile and programme URLs


def _get(base, path):
    with urlopen(base + targets.local_path(path), timeout=30) as response:  # noqa: S310 (host checked)
        return response.read().decode()


def gather(base, rng):
    """Reads the site once: profile and programme URLs in each language, page ids, regions, types."""
    data = targets.SiteData()
    data.regions = [region["slug"] for region in json.loads(_get(base, "/api/v1/regions"))]
    for language in targets.LANGUAGES:
        total = json.loads(_get(base, f"/api/v1/institutions?lang={language}&limit=1"))["total"]
        offsets = sorted({rng.randrange(0, max(total - 100, 1)) for _ in range(_PAGES_READ)}) if total > 100 else [0]
        profiles, programmes = set(), set()
        for offset in offsets:
            page = json.loads(_get(base, f"/api/v1/institutions?lang={language}&limit=100&offset={offset}"))
            profiles.update(targets.local_path(item["url"]) for item in page["items"] if item.get("url"))
            page = json.loads(_get(base, f"/api/v1/programmes?lang={language}&limit=100&offset={offset}"))
            programmes.update(targets.local_path(item["url"]) for item in page["items"] if item.get("url"))
        data.profiles[language], data.programmes[language] = sorted(profiles), sorted(programmes)
    home = _get(base, "/ky/")
    data.cached_path = "/ky/"
    data.static_path = (_STATIC.findall(home) or [""])[0]
    for query in ("", "?q=мектеп", "?q=колледж", "?sort=name&page=3"):
        data.page_ids.extend(int(pk) for pk in _COMPARE_ID.findall(_get(base, f"/ky/institutions/{query}")))
    data.page_ids = sorted(set(data.page_ids))
    types = re.findall(r'name="type" value="([\w-]+)"', _get(base, "/ky/institutions/"))
    data.types = sorted(set(types))
    return data.ready()


@events.test_start.add_listener
def _prepare(environment, **kwargs):
    base = targets.checked_host(environment.host)  # refuses anything but 127.0.0.1 before any traffic
    rng = random.Random(int(os.environ.get("LOADTEST_SEED", "17")))
    gathered = gather(base, rng)
    DATA.__dict__.update(gathered.__dict__)


class _LocalUser(FastHttpUser):
    abstract = True
    # Deliberate 503s (maintenance, a database restarting) are counted apart from other failures.
    default_headers = {"Accept-Language": "ky", "User-Agent": "achyk-loadtest"}

    def on_start(self):
        targets.checked_host(self.host)
        self.rng = random.Random()

    def visit(self, page_type, path):
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
