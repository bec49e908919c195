"""The database engine only: typo correction, escaping, publishing and hostile input (shared behaviour: test_search_engines)."""

import pytest
from django.http import QueryDict

from search.engines.database import DatabaseEngine
from search.query import parse_query
from search.vocabulary import vocabulary_for

from .conftest import locale_of
from .factories import InstitutionPageFactory, ProgrammePageFactory, QualificationFactory


def run(qs):
    locale = locale_of("ky")
    vocabulary = vocabulary_for(locale)
    query = parse_query(QueryDict(qs), vocabulary.known_values())
    return DatabaseEngine().search(query, locale, vocabulary)


def titles(result):
    return [hit.page.title for hit in result.hits]


def test_a_misspelled_name_is_corrected(world):
    result = run("q=Сатылганав")
    assert titles(result) == [world["suzak"].title]
    assert result.corrected_from == "Сатылганав"


def test_snippet_escapes_html(directory):
    InstitutionPageFactory(parent=directory, title="<script>alert(1)</script> мектеби")
    result = run("q=мектеби")
    assert "<script>" not in result.hits[0].snippet
    assert "&lt;script&gt;" in result.hits[0].snippet


def test_unpublished_institutions_are_not_found(world):
    world["college"].unpublish()
    assert run("q=курулуш").total == 0
    world["college"].save_revision().publish()
    assert run("q=курулуш").total == 1


@pytest.mark.parametrize(
    "qs",
    [
        "q=name:* OR (",
        'q="unbalanced',
        "q=%F0%9F%8E%93",
        "q=' OR 1=1; --",
        "q=" + "x" * 3000,
        "region[]=1&page=-1&sort=__class__&lat=1e309&lon=-",
        "q=AND OR NOT",
        "q=*",
    ],
)
def test_hostile_input_gets_a_page_not_an_error(client, world, directory, qs):
    response = client.get(directory.url + "?" + qs)
    assert response.status_code == 200


def facet_counts_of(result):
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def test_qualification_facet_counts_institutions_once_and_only_published_programmes(world):
    programmer = world["college"].get_children().specific().first().qualification
    ProgrammePageFactory(parent=world["college"], qualification=programmer)  # a second one, same qualification
    draft = ProgrammePageFactory(parent=world["gymnasium"], qualification=QualificationFactory(code="Q-DRAFT"))
    draft.unpublish()
    counts = facet_counts_of(run("q=Бишкек"))
    assert counts["qualification"] == {"Q-PROG": 1}
    assert counts["language"] == {"ky": 1, "ru": 1}
    assert counts["type"] == {"general-school": 1, "college": 1}
    assert run("q=Бишкек").total == 2


def test_facets_of_a_search_that_matches_nothing_are_empty(world):
    result = run("region=bishkek&type=college&ownership=state")
    assert result.total == 0
    assert all(values == [] for values in result.facets.values())


def test_names_rank_whole_words_first_then_early_matches_then_shorter_names(directory):
    # "Талас" is a whole word of three names and the start of a longer word in one.
    make = lambda title: InstitutionPageFactory(parent=directory, title=title).title
    prefix_only = make("Таласбек атындагы мектеп")
    late = make("Кара-Буура районундагы Талас мектеби")
    early_long = make("Талас шаарындагы №5 жалпы билим берүүчү орто мектеби")
    early_short = make("Талас гимназиясы")
    assert titles(run("q=Талас")) == [early_short, early_long, late, prefix_only]
