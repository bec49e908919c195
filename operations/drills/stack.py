"""The production shape for the drills: its own PostgreSQL cluster, Redis, osmem-server standing in for
Elasticsearch, gunicorn with the production settings and deploy/gunicorn.conf.py, and the task worker.

Ports are the drills' own (PostgreSQL 5499, Redis 6391, gunicorn 8100, osmem 8190), so the shared
cluster `main` and anyone else's services are never touched. State and logs are in `.drills/`.
"""

import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from osmem_server import OsmemServer

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / ".drills"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_CLUSTER = "drills"
PG_PORT = 5499
REDIS_PORT = 6391
WEB_PORT = 8100
OSMEM_PORT = 8190
DB = "achyk_drills"
ADMIN_USER, ADMIN_PASSWORD = "drills-admin", "drills-admin-password"
BASE_URL = f"http://127.0.0.1:{WEB_PORT}"


def pg_version():
    return max(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(p) for p in v.split(".")])


def run(*command, **kwargs):
    return subprocess.run(command, check=True, cwd=ROOT, **kwargs)


def psql(sql):
    out = run("su", "postgres", "-c", f'psql -p {PG_PORT} -qtAc "{sql}"', capture_output=True, text=True)
    return out.stdout.strip()


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {seconds} s")


def answers(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


class Stack:
    def __init__(self):
        STATE.mkdir(exist_ok=True)
        self.processes = {}  # name -> Popen (each in its own process group)
        self.osmem = None
        self.started_cluster = False
        self.media_root = STATE / "media"

    # ---- The environment production reads (deploy/prod-local.sh sets the same).
    def environment(self, services=True):
        """services=False: without Redis and Elasticsearch (the preparation, before they run)."""
        secret = STATE / "secret_key"
        if not secret.exists():
            secret.write_text(secrets.token_urlsafe(50))
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secret.read_text().strip(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": BASE_URL,
            "WAGTAILADMIN_BASE_URL": BASE_URL,
            "DATABASE_URL": f"postgres://{DB}:{DB}@127.0.0.1:{PG_PORT}/{DB}",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "CACHE_KEY_PREFIX": "drills",
            "ELASTICSEARCH_URL": f"http://127.0.0.1:{OSMEM_PORT}",
            "ELASTICSEARCH_INDEX_PREFIX": "achyk-drills",
            # osmem-server stands in for Elasticsearch 8 (the tests' transport node; see tests/es_transport.py).
            "ELASTICSEARCH_NODE_CLASS": "tests.es_transport.OsmemCompatibleNode",
            "GUNICORN_BIND": f"127.0.0.1:{WEB_PORT}",
            "GUNICORN_WORKERS": "3",  # 2 shared cores: the usual 5 would only queue on each other
            "GUNICORN_ACCESS_LOG": str(STATE / "access.log"),
            "GUNICORN_LOG_LEVEL": "warning",
            "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SERVE_MEDIA": "true",
            "MEDIA_ROOT": str(self.media_root),
            "STATIC_ROOT": str(STATE / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "ADMIN_USERNAME": ADMIN_USER, "ADMIN_PASSWORD": ADMIN_PASSWORD,
            "LOG_LEVEL": "WARNING",
        }  # fmt: skip
        if not services:
            del environment["REDIS_URL"], environment["ELASTICSEARCH_URL"]
        return environment

    # ---- Once per run: the cluster, the database, migrations, static files and the demo data.
    def prepare(self):
        version = pg_version()
        clusters = run("pg_lsclusters", "-h", capture_output=True, text=True).stdout.splitlines()
        mine = [line.split() for line in clusters if line.split()[:2] == [version, PG_CLUSTER]]
        if not mine:
            run("pg_createcluster", version, PG_CLUSTER, "--port", str(PG_PORT), stdout=subprocess.DEVNULL)
        if not mine or mine[0][3] != "online":
            run("pg_ctlcluster", version, PG_CLUSTER, "start")
            self.started_cluster = True
        if psql(f"SELECT 1 FROM pg_roles WHERE rolname='{DB}'") != "1":
            psql(f"CREATE ROLE {DB} LOGIN PASSWORD '{DB}'")
        if psql(f"SELECT 1 FROM pg_database WHERE datname='{DB}'") != "1":
            psql(f"CREATE DATABASE {DB} OWNER {DB} ENCODING 'UTF8' TEMPLATE template0")
        self.media_root.mkdir(exist_ok=True)
        run(PY, "-m", "operations.drills.prepare_data", env=self.environment(services=False))
        if static_out_of_date():
            run(PY, "manage.py", "collectstatic", "--noinput", "-v0", env=self.environment(services=False))

    def finish(self):
        """After the last drill: stop the cluster if this run started it."""
        if self.started_cluster:
            run("pg_ctlcluster", pg_version(), PG_CLUSTER, "stop")
            self.started_cluster = False

    # ---- Each drill: the services and processes up, then down again.
    def start(self, media_root=None):
        self.media_root = Path(media_root) if media_root else STATE / "media"
        self.start_redis()
        # The index is rebuilt while gunicorn loads: both take seconds, neither needs the other.
        indexing = self.start_osmem(wait=False)
        self.start_worker()
        self.start_web()
        if indexing.wait(120) != 0:
            raise RuntimeError("rebuild_search_index failed (see .drills/index.log)")

    def stop(self):
        for name in list(self.processes):
            self._terminate(name)
        self.stop_osmem()

    def _spawn(self, name, command, log):
        with open(STATE / log, "ab") as out:
            self.processes[name] = subprocess.Popen(
                command, cwd=ROOT, env=self.environment(), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped with everything it forked
            )  # fmt: skip
        return self.processes[name]

    def _terminate(self, name, sig=signal.SIGTERM, wait=15):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        except ProcessLookupError:
            pass

    def start_redis(self):
        self._spawn("redis", ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"], "redis.log")  # fmt: skip
        wait_until(lambda: subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"],
                                          capture_output=True, check=False).returncode == 0, 10, "Redis")  # fmt: skip

    def stop_redis(self):
        self._terminate("redis")

    def start_osmem(self, wait=True):
        """osmem keeps its index in memory: every start is an empty server, so the index is rebuilt."""
        self.osmem = OsmemServer.start(addr=f"127.0.0.1:{OSMEM_PORT}", japanese=False)
        with open(STATE / "index.log", "ab") as log:
            indexing = subprocess.Popen([PY, "manage.py", "rebuild_search_index"], cwd=ROOT, env=self.environment(),
                                        stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        if wait and indexing.wait(120) != 0:
            raise RuntimeError("rebuild_search_index failed (see .drills/index.log)")
        return indexing

    def stop_osmem(self):
        if self.osmem is not None:
            self.osmem.process.kill()
            self.osmem.process.wait(10)
            self.osmem = None

    def start_worker(self):
        return self._spawn("worker", [PY, "manage.py", "task_worker", "--interval", "0.5", "--no-startup-delay"],
                           "worker.log")  # fmt: skip

    def kill_worker(self):
        """SIGKILL: the worker gets no chance to finish or mark anything."""
        self._terminate("worker", sig=signal.SIGKILL)

    def start_web(self):
        self._spawn("web", [GUNICORN, "-c", "deploy/gunicorn.conf.py", "config.wsgi"], "gunicorn.log")
        wait_until(lambda: answers(f"{BASE_URL}/healthz"), 60, "gunicorn")

    def web_pids(self):
        """gunicorn's master and its workers: the same set before and after means nothing restarted."""
        master = self.processes["web"].pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return master, sorted(children)

    def stop_postgres(self):
        run("pg_ctlcluster", pg_version(), PG_CLUSTER, "stop", "-m", "fast")

    def start_postgres(self):
        run("pg_ctlcluster", pg_version(), PG_CLUSTER, "start")


def static_out_of_date():
    """collectstatic compresses and hashes every file (a minute here): only when the assets changed."""
    manifest = STATE / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(path.stat().st_mtime > built for path in (ROOT / "assets").rglob("*") if path.is_file())


def reset_state():
    """A fresh log directory for a run (the database and static files are kept between runs)."""
    STATE.mkdir(exist_ok=True)
    for log in STATE.glob("*.log"):
        log.unlink()
    shutil.rmtree(STATE / "effects", ignore_errors=True)
