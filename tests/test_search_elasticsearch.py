"""The Elasticsearch index against osmem-server: following Wagtail, rebuilding (shared behaviour: test_search_engines)."""

import logging

import pytest
from django.core.management import call_command
from django.http import QueryDict

from search.engines.elasticsearch import ElasticsearchEngine
from search.es_client import alias_name, get_client
from search.query import parse_query
from search.vocabulary import vocabulary_for

from .conftest import locale_of
from .factories import HomePageFactory, InstitutionIndexPageFactory, InstitutionPageFactory, ProgrammePageFactory


def run(qs):
    locale = locale_of("ky")
    vocabulary = vocabulary_for(locale)
    query = parse_query(QueryDict(qs), vocabulary.known_values())
    return ElasticsearchEngine().search(query, locale, vocabulary)


def titles(result):
    return [hit.page.title for hit in result.hits]


@pytest.fixture
def indexed(world, elasticsearch):
    call_command("rebuild_search_index", verbosity=0)
    return world


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


def test_deleting_a_programme_updates_the_qualification_facet(indexed, django_capture_on_commit_callbacks):
    programme = ProgrammePageFactory(parent=indexed["suzak"])
    programme.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        programme.delete()
    assert run(f"qualification={programme.qualification.code}").total == 0


def test_deleting_an_institution_with_programmes_removes_it(indexed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        indexed["college"].delete()  # its programme goes too: the institution must not come back
    assert indexed["college"].title not in titles(run("q=колледжи"))


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
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        indexed["college"].save_revision().publish()
    # The background write failed, was retried, and gave up with an error in the log.
    assert "search.tasks.update_institution failed (attempt 1 of 3)" in caplog.text
    assert "failed for good (attempt 3 of 3)" in caplog.text


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


# Highlighting ------------------------------------------------------------------------------------


def test_a_word_form_only_the_analyser_matches_is_marked_by_elasticsearch(indexed, directory):
    page = InstitutionPageFactory(
        parent=directory,
        title="Кесиптик лицей",
        mission="<p>Развиваем профессиональное мастерство & <b>честность</b>.</p>",
    )
    page.save_revision().publish()
    hit = next(hit for hit in run("q=мастерства").hits if hit.page.pk == page.pk)  # Russian genitive
    assert "<mark>мастерство</mark>" in hit.snippet
    assert "&amp;" in hit.snippet and "<b>" not in hit.snippet  # escaped, tags stripped


def test_the_shared_snippet_wins_when_it_marks_the_word(indexed):
    hit = run("q=Киев").hits[0]
    assert "<mark>Киев</mark>" in hit.snippet
