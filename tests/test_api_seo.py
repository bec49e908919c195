"""JSON-LD on profiles, sitemap.xml with every language version, robots.txt; the API in three languages."""

import json
import re
from xml.etree import ElementTree

import pytest
from wagtail.models import Page

from demo.translations import translate
from institutions.models import InstitutionPage

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    MinistryDocumentIndexPageFactory,
)
from .conftest import locale_of, make_home
from .factories import InstitutionIndexPageFactory, InstitutionPageFactory
from .shared_rows import rolled_back_at_the_end

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_profile_has_educational_organization_json_ld(client, directory):
    page = InstitutionPageFactory(
        parent=directory,
        title="Ош шаарындагы №5 мектеп",
        short_name="№5 мектеп",
        address="Ленин көчөсү, 1",
        latitude="40.513000",
        longitude="72.816000",
        phones="+996 3222 5-55-55",
        email="school5@example.kg",
        website="https://school5.example.kg",
        year_founded=1958,
    )
    data = json_ld(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "EducationalOrganization"
    assert data["name"] == "Ош шаарындагы №5 мектеп"
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["streetAddress"] == "Ленин көчөсү, 1"
    assert data["address"]["addressRegion"] == page.region.name
    assert data["address"]["addressCountry"] == "KG"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 40.513, "longitude": 72.816}
    assert data["telephone"] == "+996 3222 5-55-55"
    assert data["email"] == "school5@example.kg"
    assert data["url"] == "https://school5.example.kg"
    assert data["foundingDate"] == "1958"


def test_json_ld_cannot_close_its_script_element(client, directory):
    page = InstitutionPageFactory(parent=directory, title="Мектеп </script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == page.title


@pytest.fixture(scope="class")
def accreditation_rows(request, django_db_setup, django_db_blocker):
    """The decision register, a decision and the documents index, translated through wagtail-localize,
    made once for a test class (tests/shared_rows.py); their ids by name."""
    assert request.cls, f"{request.node.name}: use translated_accreditation in a test class"
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            home = make_home()
            directory = InstitutionIndexPageFactory(parent=home)
            institution = InstitutionPageFactory(parent=directory)
            pages = {
                "register": DecisionIndexPageFactory(parent=home),
                "documents": MinistryDocumentIndexPageFactory(parent=home),
            }
            pages["decision"] = AccreditationDecisionPageFactory(parent=pages["register"], institution=institution)
            for page in (home, pages["register"], pages["decision"], pages["documents"]):
                translate(page, {locale_of(language): {} for language in ("ru", "en")})
        yield {name: page.pk for name, page in pages.items()}


@pytest.fixture
def translated_accreditation(accreditation_rows, db):
    return {name: Page.objects.get(pk=pk).specific for name, pk in accreditation_rows.items()}


def assert_in_sitemap_with_alternates(client, page):
    versions = {version.locale.language_code: version.full_url for version in page.get_translations(inclusive=True)}
    assert set(versions) == {"ky", "ru", "en"}
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entries = {url.find(f"{SITEMAP}loc").text: url for url in root.iter(f"{SITEMAP}url")}
    assert set(versions.values()) <= set(entries)
    for location in versions.values():
        links = {link.get("hreflang"): link.get("href") for link in entries[location].iter(f"{XHTML}link")}
        assert links == {**versions, "x-default": versions["ky"]}


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*/institutions/download/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.xdist_group("api-seo-demo-site")  # one worker, one load (make test: --dist loadgroup)
class TestOnTheTranslatedDemoSite:
    """One translated demo institution, loaded once for these tests (tests/shared_rows.py)."""

    def test_sitemap_lists_every_language_version_with_alternates(self, client, translated_site):
        assert_in_sitemap_with_alternates(client, InstitutionPage.objects.filter(locale__language_code="ky").first())

    def test_api_answers_in_the_language_asked_with_one_id(self, client, translated_site):
        ky = InstitutionPage.objects.filter(locale__language_code="ky").first()
        ru = ky.get_translations().get(locale__language_code="ru")
        kyrgyz = client.get(f"/api/v1/institutions/{ky.translation_key}").json()
        russian = client.get(f"/api/v1/institutions/{ky.translation_key}", {"lang": "ru"}).json()
        assert kyrgyz["id"] == russian["id"]
        assert (kyrgyz["language"], russian["language"]) == ("ky", "ru")
        assert russian["name"] == ru.title
        assert set(russian["translations"]) == {"ky", "ru", "en"}
        listed = client.get("/api/v1/institutions", {"lang": "ru", "limit": 100}).json()["items"]
        assert str(ky.translation_key) in [item["id"] for item in listed]


@pytest.mark.xdist_group("api-seo-register")  # one worker, one set-up (make test: --dist loadgroup)
class TestOnTheTranslatedRegister:
    """The register, a decision and the documents index, translated once for these tests."""

    @pytest.mark.parametrize("name", ["register", "decision", "documents"])
    def test_sitemap_lists_the_register_decisions_and_documents_in_every_language(
        self, client, translated_accreditation, name
    ):
        assert_in_sitemap_with_alternates(client, translated_accreditation[name])

    def test_robots_txt_keeps_crawlers_off_the_register_downloads(self, client, translated_accreditation):
        lines = client.get("/robots.txt").content.decode().splitlines()
        for language in ("ky", "ru", "en"):
            assert f"Disallow: /{language}/decisions/?format=" in lines
            assert f"Disallow: /{language}/decisions/*&format=" in lines
        # The register itself and its filtered pages stay open to crawlers.
        assert not any(line in ("Disallow: /ky/decisions/", "Disallow: /*/decisions/") for line in lines)
