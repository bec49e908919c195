"""The demo loader fills the site and can run again without duplicating anything."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Site

from demo.loader import load_demo_data
from institutions.models import InstitutionLicence, InstitutionPage, ProgrammePage, StaffStatistic
from pages.models import HomePage
from taxonomy.models import District, InstitutionType, Qualification, Region

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


@pytest.mark.django_db
def test_loading_twice_gives_the_same_counts(client):
    load_demo_data(limit=6)
    first = counts()
    load_demo_data(limit=6)
    assert counts() == first
    # Every region and district, in each of the three languages.
    assert first["regions"] == 9 * 3
    assert first["districts"] == 44 * 3
    assert first["types"] == 6 * 3
    assert first["institutions"] == 6
    assert first["images"] == 6
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert client.get("/ky/").status_code == 200


@pytest.mark.django_db
def test_demo_institutions_render_with_their_disclosures(client):
    load_demo_data(limit=3)
    for institution in InstitutionPage.objects.live():
        response = client.get(institution.url)
        assert response.status_code == 200
        assert institution.title in response.content.decode()
        assert ProgrammePage.objects.child_of(institution).live().exists()


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
