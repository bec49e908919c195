"""The JSON API (/api/v1/): filters agree with the directory, stable ids, paging, errors."""

import re

import pytest
from django.contrib.staticfiles import finders

from institutions.models import InstitutionLicence, StaffStatistic

from .factories import InstitutionPageFactory

pytestmark = pytest.mark.django_db


def api(client, path, **params):
    return client.get(f"/api/v1{path}", params)


def directory_ids(client, directory, params):
    response = client.get(directory.url, params)
    assert response.status_code == 200
    return [str(hit.page.translation_key) for hit in response.context["result"].hits]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"region": "bishkek"},
        {"type": "college"},
        {"q": "колледж"},
        {"q": "kolledzh", "district": "suzak"},
        {"ownership": "private"},
        {"qualification": "Q-PROG"},
        {"language": "ru"},
        {"lat": "42.87", "lon": "74.59", "radius": "5"},
        {"sort": "name"},
    ],
)
def test_institution_list_agrees_with_the_directory(client, world, directory, params):
    expected = directory_ids(client, directory, params)
    response = api(client, "/institutions", **params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert [item["id"] for item in data["items"]] == expected
    assert data["total"] == len(expected)


def test_list_items_have_names_places_and_score(client, world):
    data = api(client, "/institutions", q="гимназия").json()
    (item,) = data["items"]
    assert item["name"] == world["gymnasium"].title
    assert item["region"] == {"slug": "bishkek", "name": "Бишкек шаары"}
    assert item["district"]["slug"] == "lenin"
    assert item["latitude"] == pytest.approx(42.87)
    assert 0 <= item["transparency_score"] <= 100
    assert item["url"].endswith(world["gymnasium"].url)


def test_lang_parameter_and_accept_language_pick_names(client, world):
    # Only the region has an English name in this data set; institutions stay in the Kyrgyz tree.
    regions = {r["slug"]: r["name"] for r in api(client, "/regions", lang="en").json()}
    assert regions == {"bishkek": "Bishkek City"}
    by_header = client.get("/api/v1/regions", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert {r["name"] for r in by_header.json()} == {"Bishkek City"}
    kyrgyz = {r["name"] for r in api(client, "/regions").json()}
    assert "Бишкек шаары" in kyrgyz


def test_limit_and_offset_page_through_everything_once(client, world, directory):
    everything = [item["id"] for item in api(client, "/institutions", sort="name", limit=100).json()["items"]]
    assert len(everything) == 4
    paged = []
    for offset in (0, 3):
        data = api(client, "/institutions", sort="name", limit=3, offset=offset).json()
        assert data["total"] == 4
        paged += [item["id"] for item in data["items"]]
    assert paged == everything
    # An offset that is not a multiple of the limit, and one past the end.
    middle = api(client, "/institutions", sort="name", limit=2, offset=1).json()["items"]
    assert [item["id"] for item in middle] == everything[1:3]
    assert api(client, "/institutions", offset=50).json()["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"limit": "1000"},
        {"limit": "0"},
        {"offset": "-1"},
        {"lat": "51.5", "lon": "0.1"},
        {"lat": "nan", "lon": "74"},
        {"sort": "distance"},
        {"sort": "size"},
        {"lang": "fr"},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_get_a_400_with_a_reason(client, world, params):
    response = api(client, "/institutions", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["errors"]


def test_one_institution_by_its_stable_id_in_every_language(client, world):
    gymnasium = world["gymnasium"]
    gymnasium.registry_code = "KG-0061"
    gymnasium.phones = "+996 312 62-15-20, +996 555 12-34-56"
    gymnasium.save_revision().publish()
    data = api(client, f"/institutions/{gymnasium.translation_key}").json()
    assert data["id"] == str(gymnasium.translation_key)
    assert data["registry_code"] == "KG-0061"
    assert data["phones"] == ["+996 312 62-15-20", "+996 555 12-34-56"]
    assert [language["code"] for language in data["languages_of_instruction"]] == ["ky", "ru"]
    assert data["disclosures"][0]["key"] == "mission"
    assert len(data["transparency"]["items"]) == 12
    assert data["transparency"]["score"] == data["transparency_score"]
    # Not translated into English: the Kyrgyz version answers and says so.
    english = api(client, f"/institutions/{gymnasium.translation_key}", lang="en").json()
    assert english["language"] == "ky"
    assert english["id"] == data["id"]


def test_institution_detail_lists_programmes_licences_and_staff(client, world):
    college = world["college"]
    StaffStatistic.objects.create(institution=college, year=2024, teaching_staff=40, support_staff=7)
    InstitutionLicence.objects.create(
        institution=college, number="LD-1", issued_on="2020-05-01", issuer="Билим берүү министрлиги"
    )
    data = api(client, f"/institutions/{college.translation_key}").json()
    (programme,) = data["programmes"]
    assert programme["qualification"]["code"] == "Q-PROG"
    assert programme["institution_id"] == data["id"]
    assert data["staff_statistics"] == [{"year": 2024, "teaching_staff": 40, "support_staff": 7}]
    assert data["licences"][0]["number"] == "LD-1"


def test_unknown_or_malformed_institution_id(client, world):
    missing = api(client, "/institutions/00000000-0000-0000-0000-000000000000", lang="en")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "No published institution has this id."
    assert api(client, "/institutions/not-a-uuid").status_code == 400


def test_unpublished_institutions_are_not_served(client, world, directory):
    draft = InstitutionPageFactory(parent=directory, title="Жабык мектеп")
    draft.unpublish()
    assert api(client, f"/institutions/{draft.translation_key}").status_code == 404
    assert draft.title not in [item["name"] for item in api(client, "/institutions", limit=100).json()["items"]]


def test_programmes_filtered_by_institution_and_qualification(client, world):
    college = world["college"]
    data = api(client, "/programmes", institution=str(college.translation_key)).json()
    assert data["total"] == 1
    assert api(client, "/programmes", qualification="Q-PROG").json()["total"] == 1
    assert api(client, "/programmes", qualification="nothing").json()["total"] == 0
    assert api(client, "/programmes", form_of_study="weekly").status_code == 400


def test_districts_by_region(client, world):
    districts = api(client, "/districts", region="jalal-abad").json()
    assert districts == [{"slug": "suzak", "name": "Сузак району", "region": "jalal-abad"}]
    assert api(client, "/districts", region="atlantis").status_code == 400


def test_openapi_schema_and_docs_page_without_cdn(client, world):
    schema = api(client, "/openapi.json").json()
    assert {"/api/v1/institutions", "/api/v1/institutions/{institution_id}", "/api/v1/programmes",
            "/api/v1/regions", "/api/v1/districts"} <= set(schema["paths"])
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert finders.find("ninja/swagger-ui-bundle.js") and finders.find("ninja/swagger-ui.css")
    assert "cdn" not in html.lower()
    # No inline script to execute: only script files and a JSON data block (a strict CSP allows both).
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
