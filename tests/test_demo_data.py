"""The demo loader fills the site and can run again without duplicating anything."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, ReferenceIndex, Site

from demo.loader import load_demo_data
from institutions.models import InstitutionLicence, InstitutionPage, ProgrammePage, StaffStatistic
from pages.models import HomePage
from taxonomy.models import District, InstitutionType, Qualification, Region

def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "institutions.json"


def counts():
    return {
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "types": InstitutionType.objects.count(),
        "qualifications": Qualification.objects.count(),
        "pages": Page.objects.count(),
        "institutions": InstitutionPage.objects.count(),
        "programmes": ProgrammePage.objects.count(),
        "licences": InstitutionLicence.objects.count(),
        "staff rows": StaffStatistic.objects.count(),
        "images": Image.objects.count(),
    }


def load(limit, capture):
    with capture(execute=True):
        load_demo_data(limit=limit)


@pytest.mark.django_db
def test_loading_twice_gives_the_same_counts(client, django_capture_on_commit_callbacks):
    load(6, django_capture_on_commit_callbacks)
    first = counts()
    load(6, django_capture_on_commit_callbacks)
    assert counts() == first
    # Every region and district, in each of the three languages.
    assert first["regions"] == 9 * 3
    assert first["districts"] == 44 * 3
    assert first["types"] == 6 * 3
    # Each institution in Kyrgyz, with Russian and English translations.
    assert first["institutions"] == 6 * 3
    assert first["images"] == 6
    home = HomePage.objects.get(locale__language_code="ky")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert client.get("/ky/").status_code == 200


@pytest.mark.django_db
def test_translations_read_in_their_own_language(client, django_capture_on_commit_callbacks):
    load(2, django_capture_on_commit_callbacks)
    record = json.loads(FIXTURE.read_text(encoding="utf-8"))["institutions"][1]
    source = InstitutionPage.objects.get(locale__language_code="ky", registry_code=record["code"])
    for language in ("ky", "ru", "en"):
        page = source.get_translation(_locale(language))
        assert page.title == record["name"][language]
        assert page.region.locale.language_code == language
        html = client.get(page.url).content.decode()
        assert f'<html lang="{language}">' in html
        assert record["founding_history"][language].split(".")[0] in html
        assert response_context_page(client, page) == page.pk


def response_context_page(client, page):
    return client.get(page.url).context["page"].pk


@pytest.mark.django_db
def test_demo_institutions_render_with_their_disclosures(client, django_capture_on_commit_callbacks):
    load(3, django_capture_on_commit_callbacks)
    for institution in InstitutionPage.objects.live():
        response = client.get(institution.url)
        assert response.status_code == 200
        assert institution.title in response.content.decode()
        assert ProgrammePage.objects.child_of(institution).live().exists()
    # Wagtail's search and reference indexes are written at the end of the load (demo.deferred).
    school = InstitutionPage.objects.filter(locale__language_code="ky").first()
    assert school in InstitutionPage.objects.live().search(school.registry_code)
    assert ReferenceIndex.get_references_to(school.logo).exists()


def test_fixture_covers_every_region_type_ownership_and_completeness():
    institutions = json.loads(FIXTURE.read_text(encoding="utf-8"))["institutions"]
    assert len(institutions) >= 60
    assert {i["region"] for i in institutions} >= {
        "batken", "jalal-abad", "issyk-kul", "naryn", "osh-region", "talas", "chuy", "bishkek", "osh-city"
    }
    assert {i["type"] for i in institutions} == {
        "general-school", "gymnasium", "lyceum", "vocational-lyceum", "college", "university"
    }
    assert {i["ownership"] for i in institutions} == {"state", "municipal", "private"}
    assert {i["completeness"] for i in institutions} == {"complete", "partial", "stale", "minimal"}
    assert all(1 <= len(i["programmes"]) <= 6 for i in institutions)


@pytest.mark.django_db
def test_if_empty_skips_a_filled_database(capsys):
    load_demo_data(limit=1)
    call_command("load_demo_data", "--if-empty")
    assert "already loaded" in capsys.readouterr().out
