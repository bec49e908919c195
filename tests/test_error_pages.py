"""A clear 500 and 503 in three languages, maintenance mode, a restarting database, and the request id."""

import logging

import pytest
from django.db import OperationalError
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client, override_settings

from core import memo
from operations.request_id import RequestIdFilter

pytestmark = pytest.mark.urls("tests.urls_errors")


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def text(response):
    return response.content.decode()


def test_a_crash_shows_the_friendly_page_in_the_addresss_language_without_debug_output(client):
    response = client.get("/ru/boom/")
    assert response.status_code == 500
    body = text(response)
    assert "Что-то пошло не так" in body and 'lang="ru"' in body
    assert "secret detail" not in body and "Traceback" not in body and "SECRET_KEY" not in body
    assert response["X-Request-ID"] in body  # the reference to quote when reporting it


def test_a_crash_at_an_address_without_a_language_shows_all_three(client):
    body = text(client.get("/boom/"))
    assert "Сайтта бир нерсе туура эмес болуп калды" in body
    assert "Что-то пошло не так" in body and "Something went wrong on our side" in body


@override_settings(MAINTENANCE_MODE=True)
def test_maintenance_mode_answers_503_with_retry_after(client, db):
    response = client.get("/ky/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Сайтта тейлөө иштери жүрүп жатат" in text(response)
    english = text(client.get("/en/anything/"))
    assert "The site is being serviced" in english and "Сайтта" not in english  # one language when the address says


@override_settings(MAINTENANCE_MODE=True)
def test_health_checks_still_answer_during_maintenance(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code != 503


def test_maintenance_is_switched_by_a_file_without_a_restart(client, db, tmp_path):
    flag = tmp_path / "MAINTENANCE"
    with override_settings(MAINTENANCE_FILE=str(flag)):
        assert client.get("/ru/boom/").status_code == 500
        flag.touch()
        assert client.get("/ru/boom/").status_code == 503
        flag.unlink()
        assert client.get("/ru/boom/").status_code == 500


def test_a_restarting_database_answers_503_not_500(client):
    response = client.get("/en/database-down/")
    assert response.status_code == 503
    assert "Retry-After" in response
    body = text(response)
    assert "The site is being serviced" in body and "5432" not in body


def test_the_request_id_is_on_the_response_and_on_the_error_log(client):
    records = []
    handler = logging.Handler()
    handler.addFilter(RequestIdFilter())
    handler.emit = records.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/ru/boom/", HTTP_X_REQUEST_ID="proxy-id-12345678")
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "proxy-id-12345678"
    assert [r.request_id for r in records if r.levelno >= logging.ERROR] == ["proxy-id-12345678"]


@override_settings(MAINTENANCE_MODE=True)
def test_the_503_log_line_carries_the_request_id(client, db):
    records = []
    handler = logging.Handler()
    handler.addFilter(RequestIdFilter())
    handler.emit = records.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/ky/")
    finally:
        logger.removeHandler(handler)
    assert [r.request_id for r in records] == [response["X-Request-ID"]]


def test_a_forged_request_id_is_replaced(client):
    response = client.get("/ru/boom/", HTTP_X_REQUEST_ID="x\nFAKE LOG LINE")
    assert "\n" not in response["X-Request-ID"] and len(response["X-Request-ID"]) == 32


def test_a_page_asked_for_while_the_database_restarts_answers_503_not_500(client, directory, monkeypatch):
    """Every step before Wagtail's view (the shared site lookup among them) leaves a refused connection
    to the view, where the outage answer is given."""
    url = directory.url
    memo.forget_shared()

    def refused(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(SQLCompiler, "execute_sql", refused)
    response = client.get(url)
    assert response.status_code == 503
    assert "Retry-After" in response
