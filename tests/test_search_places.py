"""A place name means the same in both engines: the institutions in that region or district, plus
those whose own name holds it; and the place is offered as a one-click filter."""

import importlib
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.management import call_command
from django.http import QueryDict

from institutions.models import InstitutionPage
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.query import parse_query
from search.vocabulary import vocabulary_for

from .conftest import locale_of
from .factories import DistrictFactory, InstitutionPageFactory, InstitutionTypeFactory, RegionFactory


@pytest.fixture
def places(directory):
    osh_city = RegionFactory(name="Ош шаары", slug="osh-city")
    RegionFactory(name="город Ош", slug="osh-city", locale=locale_of("ru"), translation_key=osh_city.translation_key)
    batken = RegionFactory(name="Баткен облусу", slug="batken")
    bishkek = RegionFactory(name="Бишкек шаары", slug="bishkek")
    RegionFactory(name="Bishkek City", slug="bishkek", locale=locale_of("en"), translation_key=bishkek.translation_key)
    kadamjay = DistrictFactory(region=batken, name="Кадамжай району", slug="kadamjay")
    batken_district = DistrictFactory(region=batken, name="Баткен району", slug="batken-district")
    lenin = DistrictFactory(region=bishkek, name="Ленин району", slug="lenin")
    osh_centre = DistrictFactory(region=osh_city, name="Борбор", slug="osh-centre")
    school = InstitutionTypeFactory(name="Мектеп", slug="school")

    def make(title, district, **kw):
        return InstitutionPageFactory(parent=directory, title=title, district=district, institution_type=school, **kw)

    return {
        "in_osh": make("№3 орто мектеби", osh_centre),
        "osh_university": make("Ош мамлекеттик университетинин лицейи", osh_centre),
        "named_osh_in_bishkek": make("Ош көчөсүндөгү мектеп", lenin),
        "osh_street_address": make("№12 гимназия", lenin, address="Ошская улица, 5, Бишкек"),
        "oshoev": make("Ошоев атындагы мектеп", lenin),  # a name beginning like the place
        "in_batken": make("№1 мектеп", kadamjay),
        "batken_district": make("Мектеп-гимназия", batken_district),
        "in_bishkek": make("№61 гимназия", lenin),
    }


EXPECTED = {
    "Ош": {"in_osh", "osh_university", "named_osh_in_bishkek"},
    "Osh": {"in_osh", "osh_university", "named_osh_in_bishkek"},
    "г. Ош": {"in_osh", "osh_university", "named_osh_in_bishkek"},
    "Ош шаары": {"in_osh", "osh_university", "named_osh_in_bishkek"},  # the city's full name
    "Баткен району": {"batken_district"},  # the district alone, not the whole region
    "Баткен": {"in_batken", "batken_district"},
    "Batken": {"in_batken", "batken_district"},
    "Бишкек": {"named_osh_in_bishkek", "osh_street_address", "oshoev", "in_bishkek"},
    "Bishkek City": {"named_osh_in_bishkek", "osh_street_address", "oshoev", "in_bishkek"},
}


def found(engine, text, places):
    locale = locale_of("ky")
    vocabulary = vocabulary_for(locale)
    query = parse_query(QueryDict(urlencode({"q": text})), vocabulary.known_values())
    result = engine.search(query, locale, vocabulary)
    names = {page.pk: name for name, page in places.items()}
    return [names[hit.page.pk] for hit in result.hits], result


@pytest.mark.parametrize("engine_name", ["database", "elasticsearch"])
def test_a_place_name_finds_what_is_there_in_both_engines(places, request, engine_name):
    engine = DatabaseEngine()
    if engine_name == "elasticsearch":
        request.getfixturevalue("elasticsearch")
        call_command("rebuild_search_index", verbosity=0)
        engine = ElasticsearchEngine()
    for text, expected in EXPECTED.items():
        names, result = found(engine, text, places)
        assert set(names) == expected, text
        assert result.total == len(expected), text


def test_institutions_saved_before_title_keys_existed_are_matched_after_the_migration(places):
    InstitutionPage.objects.update(title_keys="")  # as the column was added: empty
    # Only those in the place: the one in Bishkek named after Osh is not found by its name.
    assert "named_osh_in_bishkek" not in found(DatabaseEngine(), "Ош", places)[0]
    importlib.import_module("search.migrations.0001_institution_title_keys").fill_title_keys(apps, None)
    assert set(found(DatabaseEngine(), "Ош", places)[0]) == EXPECTED["Ош"]


def test_both_engines_list_the_same_for_a_place(places, elasticsearch):
    call_command("rebuild_search_index", verbosity=0)
    for text in EXPECTED:
        database, db_result = found(DatabaseEngine(), text, places)
        es, es_result = found(ElasticsearchEngine(), text, places)
        assert es == database, text
        assert [(p.name, p.value) for p in es_result.places] == [(p.name, p.value) for p in db_result.places]


def test_the_place_is_offered_as_a_filter(client, places):
    html = client.get("/ky/institutions/", {"q": "Ош"}).content.decode()
    assert "?region=osh-city" in html
    filtered = client.get("/ky/institutions/", {"region": "osh-city"}).content.decode()
    assert places["in_osh"].title in filtered and places["named_osh_in_bishkek"].title not in filtered
    english = client.get("/en/institutions/", {"q": "Бишкек"}).content.decode()
    assert "Show only institutions in Bishkek City" in english or "?region=bishkek" in english


def test_near_me_is_an_enhancement(client, places):
    html = client.get("/ky/institutions/").content.decode()
    assert "js/near_me.js" in html
    assert "data-near-me" in html and " hidden>" in html  # shown only by the script
    # Without the script, the same search is a plain address.
    near = client.get("/ky/institutions/", {"lat": "40.52", "lon": "72.80", "radius": "10"})
    assert near.status_code == 200
