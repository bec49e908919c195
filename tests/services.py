"""Real services for the integration tests: a Redis server and moto's S3 server, each on a free
127.0.0.1 port, started by the tests themselves.

Outside CI a missing program skips its tests with the reason; in CI (CI=true, where .ci/run installs
them) it fails them instead, so an integration can never go quietly untested.
"""

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unavailable(reason):
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def wait_for_port(port, process, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


class RedisServer:
    """A throw-away redis-server (no persistence) that a test may stop and start again."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, self.process)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def redis_server():
    """A fresh redis-server for one test."""
    if not shutil.which("redis-server"):
        unavailable("redis-server is not installed (Debian package redis-server; .ci/run installs it)")
    server = RedisServer().start()
    yield server
    server.stop()


def redis_caches(url):
    """CACHES as production builds them for REDIS_URL=url."""
    options = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
    backend = "core.cache.ResilientRedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": "test", "OPTIONS": options},
        "renditions": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": "test-renditions", "OPTIONS": options},
    }


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free port, started once per test process (it takes seconds to start); yields
    its endpoint URL. Tests keep apart by using a bucket of their own."""
    if not _moto_installed():
        unavailable("moto[server] is not installed (requirements-dev.txt)")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port(port, process, seconds=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def _moto_installed():
    return importlib.util.find_spec("moto") is not None and importlib.util.find_spec("flask") is not None
