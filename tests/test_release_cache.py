"""After a deploy, the shared cache never serves what the previous release rendered (its templates
pointed at the old static files): cache keys carry the release (config.release)."""

import os
import subprocess
import sys
from pathlib import Path

from config.release import release_id

ROOT = Path(__file__).resolve().parent.parent


def cache_versions(**env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default'].get('VERSION'), settings.CACHES['renditions'].get('VERSION'))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "REDIS_URL": "redis://127.0.0.1:1/0"}
    environment.pop("RELEASE_ID", None)
    environment.update(env)
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    return found.stdout.split()


def test_the_shared_cache_is_keyed_by_the_release_from_the_environment():
    assert cache_versions(RELEASE_ID="2026-12-03.1")[0] == "2026-12-03.1"
    assert cache_versions(RELEASE_ID="2026-12-04.1")[0] == "2026-12-04.1"


def test_without_a_release_id_the_checkout_commit_is_the_release(monkeypatch, tmp_path):
    monkeypatch.delenv("RELEASE_ID", raising=False)
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode == 0:
        assert release_id(ROOT) == head.stdout.strip()
        assert cache_versions()[0] == head.stdout.strip()
    assert release_id(tmp_path) == "dev"  # not a checkout: no commit to tell releases apart
