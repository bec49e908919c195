"""Production settings refuse to start without their secrets; nothing secret is in the code."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_production(script="import django; django.setup(); print('started')", **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL", "SECURE_HSTS_PRELOAD"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env, missing",
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "achykbilim.kg"}, "WAGTAILADMIN_BASE_URL"),
        (
            {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "achykbilim.kg", "WAGTAILADMIN_BASE_URL": "http://achykbilim.kg"},
            "https address",
        ),
        (
            {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "achykbilim.kg", "WAGTAILADMIN_BASE_URL": "https://"},
            "https address",
        ),
    ],
)
def test_production_refuses_to_start_without_its_settings(env, missing):
    result = start_production(**env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_them():
    result = start_production(
        SECRET_KEY="k" * 50, ALLOWED_HOSTS="achykbilim.kg", WAGTAILADMIN_BASE_URL="https://achykbilim.kg"
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_takes_its_services_from_the_environment():
    """Each service is switched on by its variable alone (deploy/env.example lists them)."""
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.TASKS['default']['BACKEND'], "
        "s.STORAGES['default']['BACKEND'], s.STORAGES['staticfiles']['BACKEND'], s.EMAIL_BACKEND, "
        "s.DATABASE_REPLICA_ALIAS, s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['replica']['HOST'], "
        "sorted(s.WAGTAILFRONTENDCACHE), s.DATABASES['default']['OPTIONS'].get('prepare_threshold'), "
        "s.DATABASES['replica']['OPTIONS'].get('server_side_binding'))"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DB_PREPARED_STATEMENTS"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="k" * 50, ALLOWED_HOSTS="achykbilim.kg",
        WAGTAILADMIN_BASE_URL="https://achykbilim.kg", REDIS_URL="redis://127.0.0.1:6379/0", AWS_STORAGE_BUCKET_NAME="media",
        DATABASE_URL="postgres://achyk:x@primary:5432/achyk", DATABASE_REPLICA_URL="postgres://achyk:x@replica:5432/achyk",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "core.cache.ResilientRedisCache", "django.contrib.sessions.backends.cached_db",
        "django_tasks_db.DatabaseBackend", "storages.backends.s3.S3Storage",
        "whitenoise.storage.CompressedManifestStaticFilesStorage", "core.mail.QueuedEmailBackend",
        "replica", "60", "replica", "['proxy']", "5", "True",
    ]  # fmt: skip


def prepared_statement_options(value):
    return start_production(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['OPTIONS'].get('server_side_binding'), "
        "s.DATABASES['default']['OPTIONS'].get('prepare_threshold'))",
        SECRET_KEY="k" * 50, ALLOWED_HOSTS="achykbilim.kg", WAGTAILADMIN_BASE_URL="https://achykbilim.kg",
        DATABASE_URL="postgres://achyk:x@primary:5432/achyk", DB_PREPARED_STATEMENTS=value,
    )  # fmt: skip


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    result = prepared_statement_options("False")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "None"]


def test_a_mistyped_prepared_statements_switch_stops_the_start_with_a_clear_message():
    result = prepared_statement_options("flase")
    assert result.returncode != 0
    assert "DB_PREPARED_STATEMENTS must be true or false, not 'flase'" in result.stderr


def test_the_example_environment_lists_every_variable_production_reads():
    example = (ROOT / "deploy" / "env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    sources = [*(ROOT / "config" / "settings").glob("*.py"), ROOT / "deploy" / "gunicorn.conf.py"]
    read = set()
    for source in sources:
        if source.name in {"dev.py", "test.py", "bench.py"}:
            continue
        read |= set(re.findall(r"os\.environ(?:\.get)?[\(\[]\"([A-Z][A-Z0-9_]+)\"", source.read_text()))
    read -= {"DJANGO_SETTINGS_MODULE", "ADMIN_USERNAME", "ADMIN_PASSWORD", "ELASTICSEARCH_NODE_CLASS"}
    assert read - listed == set()
