"""The Elasticsearch engine against osmem-server: spellings, typos, filters, distance, facets, syncing."""

import logging

import pytest
from django.core.management import call_command
from django.http import QueryDict

from search.engines.elasticsearch import ElasticsearchEngine
from search.es_client import alias_name, get_client
from search.query import parse_query
from search.vocabulary import vocabulary_for

from .factories import HomePageFactory, InstitutionIndexPageFactory, InstitutionPageFactory, ProgrammePageFactory
from .test_search_database import _locale, world  # noqa: F401 - the same data set as the database tests


def run(qs):
    locale = _locale("ky")
    vocabulary = vocabulary_for(locale)
    query = parse_query(QueryDict(qs), vocabulary.known_values())
    return ElasticsearchEngine().search(query, locale, vocabulary)


def titles(result):
    return [hit.page.title for hit in result.hits]


@pytest.fixture
def indexed(world, elasticsearch):  # noqa: F811
    call_command("rebuild_search_index", verbosity=0)
    return world


@pytest.mark.parametrize(
    "q, expected_first",
    [
        ("Бишкек гимназия", "gymnasium"),
        ("Bishkek gimnaziya", "gymnasium"),  # Latin finds Cyrillic
        ("бишкек 61", "gymnasium"),
        ("Jalal-Abad", "ja_college"),
        ("Джалал-Абад", "ja_college"),
        ("Satylganov", "suzak"),
        ("Сатыл", "suzak"),  # prefix of a word
        ("курулуш", "college"),
        ("мурасын", "suzak"),  # words of the mission
        ("Сатылганав", "suzak"),  # misspelled: fuzzy matching
        ("Bishkek kurulush", "college"),
    ],
)
def test_any_spelling_finds_the_institution(indexed, q, expected_first):
    result = run(f"q={q}")
    assert result.engine == "elasticsearch"
    assert result.hits, q
    assert result.hits[0].page.title == indexed[expected_first].title


def test_nonsense_finds_nothing_without_error(indexed):
    result = run("q=qwzxv")
    assert result.total == 0 and result.hits == []


def test_filters_and_facets_agree(indexed):
    result = run("region=bishkek")
    assert set(titles(result)) == {indexed["gymnasium"].title, indexed["college"].title}
    facets = {name: {v.value: v.count for v in values} for name, values in result.facets.items()}
    assert facets["region"] == {"bishkek": 2}
    assert facets["type"] == {"general-school": 1, "college": 1}
    assert facets["ownership"] == {"state": 1, "private": 1}
    assert facets["language"] == {"ky": 1, "ru": 1}
    assert facets["qualification"] == {"Q-PROG": 1}
    assert [v.selected for v in result.facets["region"]] == [True]


def test_language_and_qualification_filters(indexed):
    assert titles(run("language=ru")) == [indexed["gymnasium"].title]
    assert titles(run("qualification=Q-PROG")) == [indexed["college"].title]


def test_near_a_point_sorted_by_distance(indexed):
    result = run("lat=42.871&lon=74.591&radius=5")
    assert titles(result) == [indexed["gymnasium"].title, indexed["college"].title]
    assert result.hits[0].distance_km < result.hits[1].distance_km < 5


def test_sorted_by_name(indexed):
    result = run("sort=name")
    assert titles(result) == sorted(page.title for page in indexed.values())


def test_snippet_marks_the_matched_word(indexed):
    result = run("q=Киев")
    assert "<mark>Киев</mark>" in result.hits[0].snippet
    assert result.took_ms > 0


def test_paging_past_the_end_shows_the_last_page(indexed):
    result = run("page=50")
    assert result.page == 1 and result.total == 4 and len(result.hits) == 4


# Syncing with Wagtail ----------------------------------------------------------------------------


def test_publish_unpublish_and_delete_follow_wagtail(indexed, directory):
    page = InstitutionPageFactory(parent=directory, title="Ош мамлекеттик университети")
    assert run("q=университети").total == 0  # created by the factory, never published
    page.save_revision().publish()
    assert titles(run("q=университети")) == [page.title]
    page.unpublish()
    assert run("q=университети").total == 0
    page.save_revision().publish()
    page.delete()
    assert run("q=университети").total == 0


def test_publishing_a_programme_updates_the_qualification_facet(indexed):
    programme = ProgrammePageFactory(parent=indexed["suzak"])
    programme.save_revision().publish()
    result = run(f"qualification={programme.qualification.code}")
    assert titles(result) == [indexed["suzak"].title]


def test_a_moved_institution_is_reindexed(indexed):
    other_home = HomePageFactory(parent=indexed["gymnasium"].get_site().root_page.get_parent(), slug="other")
    other_directory = InstitutionIndexPageFactory(parent=other_home, slug="elsewhere")
    page = indexed["college"]
    page.move(other_directory, pos="last-child")
    source = get_client().get(index=alias_name(), id=page.pk).body["_source"]
    assert source["url_path"].startswith("/other/elsewhere/")


def test_sync_errors_are_logged_not_raised(indexed, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_NODE_CLASS = None
    with caplog.at_level(logging.WARNING, logger="search.signals"):
        indexed["college"].save_revision().publish()
    assert "update_institution" in caplog.text


# Rebuilding --------------------------------------------------------------------------------------


def test_rebuild_swaps_the_alias_and_counts_live_institutions(indexed):
    client = get_client()
    first = list(client.indices.get_alias(name=alias_name()).body)
    indexed["suzak"].unpublish()
    call_command("rebuild_search_index", verbosity=0)
    second = list(client.indices.get_alias(name=alias_name()).body)
    assert len(first) == len(second) == 1 and first != second
    assert not client.indices.exists(index=first[0])
    from institutions.models import InstitutionPage

    assert client.count(index=alias_name()).body["count"] == InstitutionPage.objects.live().count() == 3
