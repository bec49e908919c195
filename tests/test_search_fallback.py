"""When Elasticsearch is down, slow or broken, the directory answers from the database, never a 500."""

import logging
import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from search.service import FALLBACK_NOTE

from .factories import InstitutionPageFactory


@pytest.fixture
def institution(directory):
    return InstitutionPageFactory(parent=directory, title="Бишкек курулуш колледжи")


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never answers: an Elasticsearch that hangs."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []
    stop = threading.Event()

    def accept_forever():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except OSError:
                continue
            accepted.append(connection)  # held open, never answered

    thread = threading.Thread(target=accept_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(1)
    for connection in accepted:
        connection.close()
    listener.close()


def search_page(client, directory, q="курулуш"):
    response = client.get(directory.url, {"q": q})
    assert response.status_code == 200
    return response.context["result"]


def test_closed_port_falls_back_to_the_database(client, directory, institution, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with caplog.at_level(logging.WARNING, logger="search.service"):
        result = search_page(client, directory)
    assert result.engine == "database"
    assert [hit.page.pk for hit in result.hits] == [institution.pk]
    with translation.override("ky"):
        assert result.fallback_reason == str(FALLBACK_NOTE)
    assert "ConnectionError" in caplog.text


def test_fallback_note_is_shown_on_the_page(client, directory, institution, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = client.get(directory.url, {"q": "курулуш"})
    with translation.override("ky"):
        assert str(FALLBACK_NOTE) in response.content.decode()


def test_a_hanging_server_is_abandoned_after_the_timeout(client, directory, institution, settings, silent_server):
    settings.ELASTICSEARCH_URL = silent_server
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    started = time.perf_counter()
    result = search_page(client, directory)
    elapsed = time.perf_counter() - started
    assert result.engine == "database" and result.fallback_reason
    assert [hit.page.pk for hit in result.hits] == [institution.pk]
    assert elapsed < 0.5 + 1.5, elapsed


def test_an_http_error_falls_back(client, directory, institution, elasticsearch, caplog):
    # Reachable, but the index was never built: Elasticsearch answers 404 index_not_found.
    with caplog.at_level(logging.WARNING, logger="search.service"):
        result = search_page(client, directory)
    assert result.engine == "database" and result.fallback_reason
    assert "NotFoundError" in caplog.text


def test_elasticsearch_answers_when_healthy(client, directory, institution, elasticsearch):
    call_command("rebuild_search_index", verbosity=0)
    result = search_page(client, directory)
    assert result.engine == "elasticsearch" and not result.fallback_reason
    assert [hit.page.pk for hit in result.hits] == [institution.pk]


# search_health -----------------------------------------------------------------------------------


def test_health_without_elasticsearch_reports_the_database(db, capsys):
    call_command("search_health")
    assert "Engine: database" in capsys.readouterr().out


def test_health_of_a_reachable_index(institution, elasticsearch, capsys):
    call_command("rebuild_search_index", verbosity=0)
    capsys.readouterr()
    call_command("search_health")
    out = capsys.readouterr().out
    assert "Reachable: yes" in out
    assert "Documents: 1 / live institutions: 1" in out
    assert "Healthy." in out


def test_health_of_an_unreachable_server(db, settings, capsys):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError) as raised:
        call_command("search_health")
    assert raised.value.returncode == 1
    assert "Reachable: no" in capsys.readouterr().out


def test_health_without_an_index(db, elasticsearch, capsys):
    with pytest.raises(CommandError) as raised:
        call_command("search_health")
    assert raised.value.returncode == 1
    assert "missing" in capsys.readouterr().out


def test_health_exit_codes_from_the_command_line(db, settings):
    """call_command raises; the real command line turns that into exit status 1."""
    from django.core.management import ManagementUtility

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "search_health"]).execute()
    assert exited.value.code == 1
