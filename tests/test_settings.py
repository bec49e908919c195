"""Production settings refuse to start without their secrets; nothing secret is in the code."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_production(**env):
    environment = {
        k: v for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL", "SECURE_HSTS_PRELOAD"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
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
