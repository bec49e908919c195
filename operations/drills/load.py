"""A small, bounded load: a few threads asking for public pages on 127.0.0.1, each answer recorded.

Not a load test (that is loadtest/): just enough steady traffic to see what visitors would see while
a part is broken. Every user stops at `stop()` or after `max_seconds`, whichever comes first.
"""

import itertools
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Answer:
    at: float  # time.monotonic()
    path: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    body: str = ""


@dataclass
class Load:
    base_url: str
    paths: list
    users: int = 5
    pause: tuple = (0.05, 0.2)  # seconds a user waits between pages
    max_seconds: float = 300
    timeout: float = 10
    answers: list = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = []

    def start(self):
        self.started = time.monotonic()
        for number in range(self.users):
            thread = threading.Thread(target=self._user, args=(number,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self):
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout + 5)

    def _user(self, number):
        paths = itertools.cycle(random.Random(number).sample(self.paths, len(self.paths)))
        deadline = self.started + self.max_seconds
        while not self._stop.is_set() and time.monotonic() < deadline:
            path = next(paths)
            answer = fetch(self.base_url + path, self.timeout)
            answer.path = path
            if 200 <= answer.status < 400:
                answer.body = ""  # only failures are looked at again; keeps a long run's memory small
            with self._lock:
                self.answers.append(answer)
            self._stop.wait(random.uniform(*self.pause))

    # ---- What the visitors saw.
    def between(self, start, end):
        return [a for a in self.answers if start <= a.at <= end]

    def failed(self, allowed=()):
        return [a for a in self.answers if not (200 <= a.status < 400 or a.status in allowed)]


def fetch(url, timeout=10, headers=None):
    url = urllib.parse.quote(url, safe=":/?&=%+")  # "?q=мектеп" as a browser sends it
    request = urllib.request.Request(url, headers={"Accept-Language": "ky", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            return Answer(time.monotonic(), url, response.status, body)
    except urllib.error.HTTPError as error:
        return Answer(time.monotonic(), url, error.code, error.read().decode("utf-8", "replace"))
    except (OSError, ValueError):  # refused, reset, timed out, or an answer http.client cannot read
        return Answer(time.monotonic(), url, 0)


def public_paths(base_url):
    """What visitors ask for: the home pages, the directory with text and filters, a few profiles."""
    directory = fetch(base_url + "/ky/institutions/")
    profiles = sorted(set(re.findall(r'href="(/ky/institutions/[\w-]+/)"', directory.body)))[:6]
    return [
        "/ky/", "/ru/", "/en/",
        "/ky/institutions/", "/ky/institutions/?q=мектеп", "/ru/institutions/?q=колледж",
        "/en/institutions/?q=school", "/ky/institutions/?q=Бишкек", "/ky/institutions/?q=Osh",
        *profiles,
    ]  # fmt: skip
