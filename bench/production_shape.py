"""The production shape on this machine for a measurement (`make loadtest`, `make lighthouse`): the server
already answering on 127.0.0.1:port, or `deploy/prod-local.sh` (`make prod`) started in the background,
waited for (/readyz) and stopped again at the end (the script's own stop, which leaves alone what it did
not start)."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent


def ready(base, timeout=2.0):
    try:
        with urlopen(base + "/readyz", timeout=timeout) as response:
            response.read()
            return response.status == 200
    except (HTTPError, URLError, OSError):
        return False


class ProductionShape:
    """`environment`: what prod-local.sh reads (PROD_DB_NAME and the like), over this process's own;
    `purpose`: named in what it prints; `log_name`: its log in .prod/."""

    def __init__(self, port, environment, purpose, log_name, ready_timeout_seconds):
        self.port, self.environment, self.purpose = port, environment, purpose
        self.base = f"http://127.0.0.1:{port}"
        self.log = ROOT / ".prod" / log_name
        self.ready_timeout_seconds = ready_timeout_seconds
        self.process = None

    def __enter__(self):
        if self.listening():
            print(f"Using the server already listening on {self.base}.")
        else:
            self.start()
        return self

    def listening(self):
        """Something accepts connections on the port (a busy server may answer slowly, but it is there)."""
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=5).close()
        except OSError:
            return False
        return True

    def start(self):
        env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "GUNICORN_ACCESS_LOG": os.environ.get("GUNICORN_ACCESS_LOG", "/dev/null"),
            **self.environment,
        }
        self.log.parent.mkdir(exist_ok=True)
        print(
            f"Starting the production shape on {self.base} for {self.purpose} (log: {self.log}); a first start takes minutes."
        )
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
                ["bash", "deploy/prod-local.sh"], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + self.ready_timeout_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"The production shape stopped while starting; see {self.log}.")
            if ready(self.base):
                return
            time.sleep(2)
        raise SystemExit(f"The production shape was not ready within {self.ready_timeout_seconds} s; see {self.log}.")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the script's trap runs deploy/prod-stop.sh
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                subprocess.run(["bash", "deploy/prod-stop.sh"], cwd=ROOT, check=False)
            print(f"Stopped the production shape started for {self.purpose}.")
