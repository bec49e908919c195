"""/healthz and /readyz: what a load balancer and an operator see, and that nothing is leaked."""

import json

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections
from django.test import Client
from django_tasks import task

from .services import free_port, redis_caches


@task()
def noop():
    return None


def readiness(client=None):
    response = (client or Client()).get("/readyz")
    return response, json.loads(response.content)


def test_healthz_answers_without_touching_the_database(client):
    # No db fixture: pytest-django makes any database access here an error.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_every_part_ready():
    response, body = readiness()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search", "tasks"}
    assert body["checks"]["database"] == {"ok": True, "required": True}
    assert body["checks"]["search"]["engine"] == "database"
    assert body["checks"]["tasks"]["queued"] == 0


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response, body = readiness()
    assert response.status_code == 503
    assert body["status"] == "down"
    assert body["checks"]["database"]["ok"] is False
    assert "connection refused" not in response.content.decode()


@pytest.mark.django_db
def test_a_redis_outage_degrades_but_keeps_the_machine_in_service(settings):
    port = free_port()
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{port}/0")
    response, body = readiness()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {"ok": False, "shared": True, "required": False}
    assert str(port) not in response.content.decode()  # no address leaked

    settings.READYZ_REQUIRED = ["database", "cache"]
    response, body = readiness()
    assert response.status_code == 503


@pytest.mark.django_db
def test_a_live_redis_is_reported_ready(settings, redis_server):
    settings.CACHES = redis_caches(redis_server.url)
    response, body = readiness()
    assert body["checks"]["cache"] == {"ok": True, "shared": True, "required": False}
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_unreachable_elasticsearch_is_reported_with_the_database_fallback(settings):
    settings.ELASTICSEARCH_URL = f"http://elastic:secret@127.0.0.1:{free_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    response, body = readiness()
    assert response.status_code == 200
    assert body["checks"]["search"] == {"ok": False, "engine": "database fallback", "required": False}
    assert "secret" not in response.content.decode()


def test_elasticsearch_with_its_index_is_ready(elasticsearch, directory):
    call_command("rebuild_search_index", verbosity=0)
    response, body = readiness()
    assert body["checks"]["search"] == {"ok": True, "engine": "elasticsearch", "required": False}


@pytest.mark.django_db
def test_the_task_backlog_is_counted_and_a_long_one_degrades(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    noop.using().enqueue()
    noop.using().enqueue()
    response, body = readiness()
    assert body["checks"]["tasks"]["queued"] == 2
    assert body["checks"]["tasks"]["queue"] == "database"
    assert body["status"] == "ok"
    settings.READYZ_TASK_BACKLOG_LIMIT = 1
    response, body = readiness()
    assert body["checks"]["tasks"]["ok"] is False
    assert (response.status_code, body["status"]) == (200, "degraded")


@pytest.mark.django_db
def test_readyz_names_no_setting(settings):
    text = Client().get("/readyz").content.decode()
    for secret in (
        settings.SECRET_KEY,
        str(settings.DATABASES["default"]["NAME"]),
        settings.ELASTICSEARCH_INDEX_PREFIX,
    ):
        assert secret not in text
