"""gunicorn settings for the web process; every value can be overridden from the environment.

Run as: gunicorn -c deploy/gunicorn.conf.py config.wsgi
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core plus one, each with a few threads (issue 17's load test): most answers come
# from the shared page cache and wait on Redis or PostgreSQL rather than compute, threads keep
# visitors' connections open (keep-alive) and a burst queues in the workers instead of the backlog.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A PDF export (WeasyPrint) may take several seconds; anything past this is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows; jitter keeps them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the application once in the master: workers fork with it ready and share its memory.
preload_app = True
# The proxy in front sets X-Forwarded-*; only trust it from the addresses listed.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "achyk-bilim"


def pre_fork(server, worker):
    """Before each worker forks from the master, which has the application loaded (preload_app): the
    objects loaded so far (Django, Wagtail, our modules) move to the garbage collector's permanent
    generation, as Python's documentation advises for servers that fork. A worker's full collections
    then scan only what it made itself, and its memory pages stay shared with the master longer.
    Two 50-user load-test runs with it and two without were the same within their spread."""
    gc.freeze()
