import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core import memo
from demo.loader import load_demo_data
from taxonomy.models import InstructionLanguage

from .factories import (
    DistrictFactory,
    HomePageFactory,
    InstitutionIndexPageFactory,
    InstitutionPageFactory,
    InstitutionTypeFactory,
    ProgrammePageFactory,
    QualificationFactory,
    RegionFactory,
)
from .services import redis_server, s3_server  # noqa: F401 - real Redis and S3 (moto) for integration tests
from .shared_rows import making_rows, rolled_back_at_the_end


@pytest.fixture
def home(db):
    """A home page serving as the default site's root (replacing Wagtail's placeholder)."""
    return make_home()


def make_home():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="achyk-bilim")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture(scope="class")
def one_demo_institution(request, django_db_setup, django_db_blocker):
    """The first demo institution with its programmes, translated into Russian and English: loaded once
    for a test class (each test's writes are still undone after it)."""
    # Outside a class the scope would be the module, and the rows would stay under the module's later tests.
    assert request.cls, f"{request.node.name}: use translated_site in a test class"
    with rolled_back_at_the_end(django_db_blocker):
        with making_rows(django_db_blocker):
            load_demo_data(limit=1)
        yield


@pytest.fixture
def translated_site(one_demo_institution, db):
    """The demo site of one translated institution, for the tests of a class."""


@pytest.fixture
def directory(home):
    return InstitutionIndexPageFactory(parent=home)


# Elasticsearch tests run against osmem-server (an in-memory OpenSearch-compatible server; the
# osmem_clone fixture comes from its pytest plugin), reached through a test-only transport node.
OSMEM_NODE_CLASS = "tests.es_transport.OsmemCompatibleNode"


@pytest.fixture
def elasticsearch(settings, osmem_clone):
    """Settings pointing the site at a fresh, empty osmem clone; returns the clone."""
    settings.ELASTICSEARCH_URL = osmem_clone.url
    settings.ELASTICSEARCH_NODE_CLASS = OSMEM_NODE_CLASS
    settings.ELASTICSEARCH_TIMEOUT = 5.0
    return osmem_clone


# A small data set for the search tests of both engines.
@pytest.fixture
def world(directory):
    bishkek = RegionFactory(name="Бишкек шаары", slug="bishkek")
    jalal_abad = RegionFactory(name="Жалал-Абад облусу", slug="jalal-abad")
    RegionFactory(name="Bishkek City", slug="bishkek", locale=locale_of("en"), translation_key=bishkek.translation_key)
    lenin = DistrictFactory(region=bishkek, name="Ленин району", slug="lenin")
    suzak = DistrictFactory(region=jalal_abad, name="Сузак району", slug="suzak")
    school = InstitutionTypeFactory(name="Мектеп", slug="general-school")
    college = InstitutionTypeFactory(name="Колледж", slug="college")
    programmer = QualificationFactory(name="Программист", code="Q-PROG")
    make = lambda title, district, kind, **kw: InstitutionPageFactory(
        parent=directory, title=title, district=district, institution_type=kind, **kw
    )
    pages = {
        "gymnasium": make(
            "Бишкек шаарындагы №61 гимназия-мектеби",
            lenin,
            school,
            latitude="42.870000",
            longitude="74.590000",
            address="Киев көчөсү, 10, Бишкек ш.",
        ),
        "college": make(
            "Бишкек курулуш колледжи", lenin, college, ownership="private", latitude="42.880000", longitude="74.610000"
        ),
        "suzak": make(
            "Сузак айылындагы Т. Сатылганов атындагы орто мектеби",
            suzak,
            school,
            latitude="40.900000",
            longitude="72.950000",
            mission="<p>Т. Сатылгановдун мурасын сактайбыз.</p>",
        ),
        "ja_college": make(
            "Жалал-Абад педагогикалык колледжи", suzak, college, latitude="40.930000", longitude="73.000000"
        ),
    }
    ProgrammePageFactory(parent=pages["college"], qualification=programmer)
    pages["gymnasium"].languages.set([language_of("ky"), language_of("ru")])
    pages["gymnasium"].save()
    return pages


def locale_of(code):
    return Locale.objects.get(language_code=code)


def language_of(code):
    return InstructionLanguage.objects.get(code=code)


# Roles tests: two institutions in two districts with their editors and reviewers.
from .roles_setup import people, two_institutions  # noqa: E402, F401


@pytest.fixture(autouse=True)
def forget_shared_lookups():
    """Lookups held per content version (core.memo) start empty: a rolled-back test leaves the number as it was."""
    memo.forget_shared()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language (Kyrgyz), whatever an earlier test on the worker
    left active: `reverse()` of a language-prefixed route follows it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_throttle_counters():
    """Sign-in and password-reset counters (signin.throttle) start from zero in every test."""
    caches["throttle"].clear()
