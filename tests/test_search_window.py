"""Deep paging stays inside the search engine's result window (Elasticsearch's 10,000), on both
engines alike: the directory says results beyond it are not shown, the API answers 400 past it."""

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import translation

import api.endpoints
import search.engines.database
import search.engines.elasticsearch
import search.query
import search.service
from search.service import search_institutions

from .conftest import locale_of

WINDOW_MODULES = (search.query, search.engines.database, search.engines.elasticsearch, search.service, api.endpoints)


@pytest.fixture
def window(monkeypatch):
    """A result window of 3, so the 4 institutions of `world` go past it."""
    for module in WINDOW_MODULES:
        monkeypatch.setattr(module, "RESULT_WINDOW", 3)
    return 3


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, world):
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
        call_command("rebuild_search_index", verbosity=0)
    return request.param


def find(qs, page_size):
    with translation.override("en"):
        _query, result, _vocabulary = search_institutions(QueryDict(qs), locale_of("ky"), page_size=page_size)
    return result


def test_a_deep_page_is_the_last_page_inside_the_window(engine, window):
    result = find("sort=name&page=999", page_size=2)
    assert result.engine == engine and not result.fallback_reason
    assert result.total == 4
    assert (result.page, result.num_pages, result.has_next) == (2, 2, False)
    assert len(result.hits) == 1  # the third result; the fourth is past the window
    assert any("Results beyond the first 3 are not shown; narrow your search" in str(note) for note in result.notes)
    # Both engines list the same results inside the window.
    first = find("sort=name&page=1", page_size=2)
    assert [hit.page.pk for hit in first.hits + result.hits] == [hit.page.pk for hit in find("sort=name", 3).hits]
    assert not any("beyond" in str(note) for note in first.notes)


def test_elasticsearch_is_never_asked_past_its_window(world, elasticsearch, monkeypatch):
    call_command("rebuild_search_index", verbosity=0)
    asked = []
    original = search.engines.elasticsearch.search_body

    def recording(*args, **kwargs):
        body = original(*args, **kwargs)
        asked.append(body["from_"] + body["size"])
        return body

    monkeypatch.setattr(search.engines.elasticsearch, "search_body", recording)
    for page_size, page in ((20, 10_000), (30, 334), (7, 9_999)):
        result = find(f"page={page}", page_size=page_size)
        assert result.engine == "elasticsearch" and not result.fallback_reason
    assert asked and max(asked) <= 10_000


def test_the_directory_shows_the_note(client, world, directory, window):
    response = client.get(directory.url + "?page=5")
    assert response.status_code == 200
    assert len(response.context["result"].hits) == 3
    page = response.content.decode()
    assert "Results beyond the first 3 are not shown" not in page  # the page speaks Kyrgyz
    assert "Алгачкы 3 натыйжадан кийинкилер көрсөтүлбөйт" in page


def test_the_api_refuses_offsets_past_the_window(client, world):
    response = client.get("/api/v1/institutions", {"offset": 9_990, "limit": 20, "lang": "en"})
    assert response.status_code == 400
    assert "offset + limit may not exceed 10000" in " ".join(response.json()["errors"])
    response = client.get("/api/v1/institutions", {"offset": 9_980, "limit": 20, "lang": "en"})
    assert response.status_code == 200 and response.json()["items"] == []


def test_the_api_pages_up_to_the_window(client, world, window):
    assert len(client.get("/api/v1/institutions", {"offset": 1, "limit": 2}).json()["items"]) == 2
    assert client.get("/api/v1/institutions", {"offset": 2, "limit": 2}).status_code == 400
