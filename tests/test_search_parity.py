"""Both engines give the same first result and the same facet counts for the same questions."""

from datetime import date

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import RequestFactory, override_settings
from django.utils import translation

from institutions.models import InstitutionPage
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.query import parse_query
from search.views import suggest
from search.vocabulary import vocabulary_for
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report

from .conftest import OSMEM_NODE_CLASS, language_of, locale_of, make_home
from .factories import (
    DistrictFactory,
    InstitutionIndexPageFactory,
    InstitutionPageFactory,
    InstitutionTypeFactory,
    ProgrammePageFactory,
    QualificationFactory,
    RegionFactory,
)
from .shared_rows import rolled_back_at_the_end

REPORT_YEAR = date.today().year - 1


@pytest.fixture
def country(directory):
    return make_country(directory)


def make_country(directory):
    bishkek = RegionFactory(name="Бишкек шаары", slug="bishkek")
    osh = RegionFactory(name="Ош облусу", slug="osh")
    issyk_kul = RegionFactory(name="Ысык-Көл облусу", slug="issyk-kul")
    lenin = DistrictFactory(region=bishkek, name="Ленин району", slug="lenin")
    sverdlov = DistrictFactory(region=bishkek, name="Свердлов району", slug="sverdlov")
    kara_suu = DistrictFactory(region=osh, name="Кара-Суу району", slug="kara-suu")
    tup = DistrictFactory(region=issyk_kul, name="Түп району", slug="tup")
    school = InstitutionTypeFactory(name="Мектеп", slug="general-school")
    college = InstitutionTypeFactory(name="Колледж", slug="college")
    lyceum = InstitutionTypeFactory(name="Лицей", slug="lyceum")
    nurse = QualificationFactory(name="Медайым", code="Q-NURSE")
    teacher = QualificationFactory(name="Мугалим", code="Q-TEACH")

    def make(title, district, kind, lat, lon, **kw):
        return InstitutionPageFactory(
            parent=directory,
            title=title,
            district=district,
            institution_type=kind,
            latitude=lat,
            longitude=lon,
            **kw,
        )

    pages = {
        "gymnasium": make(
            "Бишкек шаарындагы №61 гимназия-мектеби",
            lenin,
            school,
            "42.870000",
            "74.590000",
            address="Киев көчөсү, 10, Бишкек ш.",
        ),
        "medical": make(
            "Бишкек медициналык колледжи",
            sverdlov,
            college,
            "42.850000",
            "74.620000",
            ownership="private",
            short_name="БМК",
        ),
        "lyceum": make(
            "Айтматов атындагы лицей",
            sverdlov,
            lyceum,
            "42.860000",
            "74.640000",
            mission="<p>Математика жана физика боюнча терең билим.</p>",
        ),
        "osh_school": make("Кара-Суу шаарындагы №5 орто мектеби", kara_suu, school, "40.700000", "72.880000"),
        "osh_college": make(
            "Ош педагогикалык колледжи", kara_suu, college, "40.520000", "72.800000", ownership="municipal"
        ),
        "karakol": make("Каракол гуманитардык колледжи", tup, college, "42.490000", "78.390000"),
        "tup_school": make(
            "Түп айылындагы Токтогул атындагы мектеп",
            tup,
            school,
            "42.720000",
            "78.360000",
            address="Ленин көчөсү, 3, Түп айылы",
        ),
        "english": make(
            "Bishkek International School",
            lenin,
            school,
            "42.880000",
            "74.600000",
            ownership="private",
            mission="<p>Teaching in English for international students.</p>",
        ),
    }
    pages["gymnasium"].languages.set([language_of("ky"), language_of("ru")])
    pages["english"].languages.set([language_of("en")])
    pages["medical"].languages.set([language_of("ru")])
    for name in ("gymnasium", "english", "medical"):
        pages[name].save()  # ParentalManyToManyField: the languages are stored on save
    ProgrammePageFactory(parent=pages["medical"], qualification=nurse)
    ProgrammePageFactory(parent=pages["osh_college"], qualification=teacher)
    ProgrammePageFactory(parent=pages["karakol"], qualification=teacher)
    # Published self-assessment reports for the "report published for this year" filter; a draft does not count.
    for name, year, published in (
        ("gymnasium", REPORT_YEAR, True),
        ("medical", REPORT_YEAR, True),
        ("karakol", REPORT_YEAR - 1, True),
        ("osh_college", REPORT_YEAR, False),
    ):
        report = create_report(pages[name], year)
        report.status = SelfAssessmentReport.Status.ACCEPTED if published else SelfAssessmentReport.Status.DRAFT
        report.published = published
        report.save()
    return pages


@pytest.fixture
def both_indexed(country, elasticsearch):
    call_command("rebuild_search_index", verbosity=0)
    return country


@pytest.fixture(scope="class")
def indexed_country_rows(request, django_db_setup, django_db_blocker, osmem_server):
    """The country in both engines, made and indexed once for a test class whose tests only search
    (tests/shared_rows.py); the page ids by name. The osmem clone and the settings pointing at it
    (as the `elasticsearch` fixture sets them) last as long as the class."""
    assert request.cls, f"{request.node.name}: use indexed_country in a test class"
    clone = osmem_server.clone()
    elasticsearch = {
        "ELASTICSEARCH_URL": clone.url,
        "ELASTICSEARCH_NODE_CLASS": OSMEM_NODE_CLASS,
        "ELASTICSEARCH_TIMEOUT": 5.0,
    }
    try:
        with override_settings(**elasticsearch), rolled_back_at_the_end(django_db_blocker):
            with django_db_blocker.unblock():
                pages = make_country(InstitutionIndexPageFactory(parent=make_home()))
                call_command("rebuild_search_index", verbosity=0)
            yield {name: page.pk for name, page in pages.items()}
    finally:
        clone.close()


@pytest.fixture
def indexed_country(indexed_country_rows, db):
    return {name: InstitutionPage.objects.get(pk=pk) for name, pk in indexed_country_rows.items()}


PARITY_QUERIES = [
    # Cyrillic
    ("q=Бишкек гимназия", "gymnasium"),
    ("q=медициналык", "medical"),
    ("q=Айтматов", "lyceum"),
    ("q=педагогикалык колледжи", "osh_college"),
    ("q=Каракол", "karakol"),
    ("q=Токтогул", "tup_school"),
    ("q=БМК", "medical"),
    ("q=Кара-Суу мектеби", "osh_school"),
    # Latin and Russian spellings of Kyrgyz names
    ("q=Bishkek gimnaziya", "gymnasium"),
    ("q=Aitmatov", "lyceum"),
    ("q=Karakol", "karakol"),
    ("q=Kara-Suu", None),  # the district's name: both institutions there match
    ("q=International School", "english"),
    ("q=Токтогул Тюп", "tup_school"),
    # Misspelled
    ("q=Айтматав", "lyceum"),
    ("q=Каракал", "karakol"),
    ("q=медициналык калледжи", "medical"),
    # Prefixes
    ("q=Айтма", "lyceum"),
    ("q=Токто", "tup_school"),
    # Filters
    ("region=osh", None),
    ("type=college&sort=name", None),
    ("ownership=private", None),
    ("language=ru&sort=name", None),
    ("qualification=Q-TEACH&sort=name", None),
    ("transparency=0-24&sort=transparency", None),
    (f"report={REPORT_YEAR}&sort=name", None),
    (f"q=колледжи&report={REPORT_YEAR}", "medical"),
    (f"report={REPORT_YEAR - 1}", "karakol"),
    ("q=колледжи&region=osh", "osh_college"),
    ("q=Bishkek&type=college", "medical"),
    # Near a point, nearest first
    ("lat=42.871&lon=74.591&radius=5", "gymnasium"),
    ("lat=40.6&lon=72.85&radius=50", None),
    ("q=колледжи&lat=42.85&lon=74.62&radius=10&sort=distance", "medical"),
    # Everything, by name
    ("sort=name", None),
]


def run(engine, qs):
    locale = locale_of("ky")
    vocabulary = vocabulary_for(locale)
    query = parse_query(QueryDict(qs), vocabulary.known_values())
    return engine.search(query, locale, vocabulary)


def facet_counts(result):
    return {name: [(v.value, v.count) for v in values] for name, values in result.facets.items()}


# Autocomplete ------------------------------------------------------------------------------------


def autocomplete(q):
    with translation.override("ky"):
        response = suggest(RequestFactory().get("/ky/search/suggest/", {"q": q}))
    assert response.status_code == 200
    import json

    return json.loads(response.content)


@pytest.mark.parametrize("use_elasticsearch", [True, False], ids=["elasticsearch", "database"])
def test_autocomplete_finds_names_in_any_script(country, request, use_elasticsearch):
    expected_engine = "database"
    if use_elasticsearch:
        request.getfixturevalue("both_indexed")
        expected_engine = "elasticsearch"
    for q in ("Айтм", "aytm", "Bishkek", "БМК"):
        data = autocomplete(q)
        assert data["engine"] == expected_engine
        assert data["suggestions"], q
        assert len(data["suggestions"]) <= 8
    data = autocomplete("Айтм")
    assert data["suggestions"][0] == {"title": country["lyceum"].title, "url": country["lyceum"].url}


def test_autocomplete_caps_the_query_and_survives_nonsense(country):
    assert autocomplete("x" * 5000)["suggestions"] == []
    assert autocomplete("")["suggestions"] == []


@pytest.mark.xdist_group("search-parity")  # one worker, one set-up (make test: --dist loadgroup)
class TestBothEnginesOnOneCountry:
    """Questions to both engines over one country, made and indexed once for the class."""

    @pytest.mark.parametrize("qs, expected_first", PARITY_QUERIES, ids=[q for q, _ in PARITY_QUERIES])
    def test_both_engines_agree(self, indexed_country, qs, expected_first):
        database = run(DatabaseEngine(), qs)
        elasticsearch = run(ElasticsearchEngine(), qs)
        assert elasticsearch.engine == "elasticsearch"
        assert database.hits and elasticsearch.hits, qs
        assert elasticsearch.hits[0].page.pk == database.hits[0].page.pk, qs
        if expected_first:
            assert database.hits[0].page.pk == indexed_country[expected_first].pk
        assert facet_counts(elasticsearch) == facet_counts(database)
        assert elasticsearch.total == database.total
        assert [h.distance_km for h in elasticsearch.hits[:1]] == [h.distance_km for h in database.hits[:1]]

    def test_report_published_filter_and_its_counts_on_both_engines(self, indexed_country):
        with_report = {indexed_country["gymnasium"].pk, indexed_country["medical"].pk}
        for engine in (DatabaseEngine(), ElasticsearchEngine()):
            everything = run(engine, "")
            assert dict(facet_counts(everything)["report"]) == {str(REPORT_YEAR): 2, str(REPORT_YEAR - 1): 1}
            filtered = run(engine, f"report={REPORT_YEAR}")
            assert {hit.page.pk for hit in filtered.hits} == with_report, engine
        # A year without published reports is not a known value: the note says so and nothing is filtered.
        query = parse_query(QueryDict(f"report={REPORT_YEAR - 5}"), vocabulary_for(locale_of("ky")).known_values())
        assert "report" not in query.filters and query.notes
