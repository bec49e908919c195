"""The JSON API (/api/v1/): filters agree with the directory, stable ids, paging, errors."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from accreditation.models import AccreditationDecisionPage
from accreditation.status import AccreditationStatus
from institutions.disclosures import DISCLOSURES
from institutions.models import InstitutionLicence, InstitutionPage, StaffStatistic
from transparency.stored_scores import refresh_scores

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory, make_document
from .factories import DistrictFactory, InstitutionPageFactory, ProgrammePageFactory, RegionFactory

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
    assert set(schema["paths"]) == {
        "/api/v1/institutions",
        "/api/v1/institutions/{institution_id}",
        "/api/v1/programmes",
        "/api/v1/decisions",
        "/api/v1/decisions/{decision_id}",
        "/api/v1/regions",
        "/api/v1/districts",
    }
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert finders.find("ninja/swagger-ui-bundle.js") and finders.find("ninja/swagger-ui.css")
    assert "cdn" not in html.lower()
    # No inline script to execute: only script files and a JSON data block (a strict CSP allows both).
    for attributes, _body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes


# Accreditation: status on institutions, the decisions endpoint, restricted pages -------------------

Outcome = AccreditationDecisionPage.Outcome
Kind = AccreditationDecisionPage.Kind
TODAY = date.today()


def disclosures(count):
    """Page fields publishing `count` of the disclosures, all updated today."""
    fields = {}
    for disclosure in DISCLOSURES[:count]:
        fields[disclosure.field] = "<p>Жарыяланды.</p>"
        fields[disclosure.updated_field] = TODAY
    return fields


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def accredited_world(world, directory, register):
    """The search data set with every accreditation status and three transparency bands."""
    make = AccreditationDecisionPageFactory
    make(parent=register, institution=world["gymnasium"], number="1/A")
    make(parent=register, institution=world["college"], number="2/C", outcome=Outcome.CONDITIONAL)
    make(
        parent=register,
        institution=world["suzak"],
        number="3/R",
        outcome=Outcome.REFUSED,
        valid_from=None,
        valid_until=None,
    )
    make(
        parent=register,
        institution=world["ja_college"],
        number="4/E",
        decision_date=TODAY - timedelta(days=6 * 365),
        valid_until=TODAY - timedelta(days=365),
    )
    lenin = world["gymnasium"].district
    world["open"] = InstitutionPageFactory(parent=directory, title="Ачык лицей", district=lenin, **disclosures(11))
    world["half_open"] = InstitutionPageFactory(
        parent=directory, title="Жарым ачык мектеп", district=lenin, **disclosures(6)
    )
    # Publishing stores each score in a task after the commit; the test's transaction never commits.
    refresh_scores(InstitutionPage.objects.all())
    return world


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "accredited"}, {"gymnasium"}),
        ({"status": "conditional"}, {"college"}),
        ({"status": "refused"}, {"suzak"}),
        ({"status": "expired"}, {"ja_college"}),
        ({"status": "none"}, {"open", "half_open"}),
        ({"status": "none", "sort": "transparency"}, {"open", "half_open"}),
        ({"transparency": "75-100"}, {"open"}),
        ({"transparency": "50-74"}, {"half_open"}),
        ({"transparency": "25-49"}, set()),
        ({"transparency": "0-24", "region": "bishkek"}, {"gymnasium", "college"}),
        ({"transparency": "0-24", "status": "refused", "q": "мектеби"}, {"suzak"}),
    ],
)
def test_status_and_transparency_filters_agree_with_the_directory(
    client, accredited_world, directory, params, expected
):
    listed = directory_ids(client, directory, params)
    assert set(listed) == {str(accredited_world[name].translation_key) for name in expected}
    data = api(client, "/institutions", **params, limit=100).json()
    assert [item["id"] for item in data["items"]] == listed
    assert data["total"] == len(listed)
    if "status" in params:
        assert {item["accreditation"]["status"] for item in data["items"]} <= {params["status"]}


def test_institution_records_carry_the_accreditation_status(client, accredited_world):
    college = accredited_world["college"]
    decision = college.accreditation_decisions.get()
    (item,) = [
        i for i in api(client, "/institutions", limit=100).json()["items"] if i["id"] == str(college.translation_key)
    ]
    with translation.override("ky"):  # the institutions are in the Kyrgyz tree only
        label = str(AccreditationStatus.CONDITIONAL.label)
    assert label != "Accredited with conditions"
    expected = {"status": "conditional", "label": label, "valid_until": decision.valid_until.isoformat()}
    assert item["accreditation"] == expected
    detail = api(client, f"/institutions/{college.translation_key}").json()
    assert detail["accreditation"] == expected
    refused = api(client, f"/institutions/{accredited_world['suzak'].translation_key}").json()
    assert refused["accreditation"]["status"] == "refused"
    assert refused["accreditation"]["valid_until"] is None
    none = api(client, f"/institutions/{accredited_world['open'].translation_key}").json()
    assert none["accreditation"]["status"] == "none"
    assert none["decisions"] == []


def test_list_queries_do_not_grow_with_the_page(client, accredited_world):
    api(client, "/institutions")  # the first search scores the new institutions (stored copies)
    counts = []
    for limit in (2, 6):
        with CaptureQueriesContext(connection) as queries:
            response = api(client, "/institutions", sort="name", limit=limit)
        assert len(response.json()["items"]) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_institution_detail_lists_its_decisions_newest_first(client, world, register):
    college = world["college"]
    programme = college.get_children().specific().get()
    older = AccreditationDecisionPageFactory(
        parent=register,
        institution=college,
        number="10/2019",
        decision_date=date(2019, 6, 1),
        valid_until=date(2024, 6, 1),
    )
    newer = AccreditationDecisionPageFactory(
        parent=register, institution=college, number="11/2024", kind=Kind.PROGRAMME, decision_date=date(2024, 6, 1)
    )
    newer.programmes = [programme]
    newer.save()
    data = api(client, f"/institutions/{college.translation_key}").json()
    assert [d["id"] for d in data["decisions"]] == [str(newer.translation_key), str(older.translation_key)]
    assert data["decisions"][0]["programmes"] == [{"id": str(programme.translation_key), "name": programme.title}]
    # The programme decision does not decide the status; the 2019 decision has expired.
    assert data["accreditation"]["status"] == "expired"
    assert data["decisions"][1]["status"]["value"] == "expired"


@pytest.fixture
def register_decisions(directory, register):
    chui = RegionFactory(name="Чүй облусу", slug="chui")
    naryn = RegionFactory(name="Нарын облусу", slug="naryn")
    alamudun = DistrictFactory(region=chui, name="Аламүдүн району", slug="alamudun")
    kochkor = DistrictFactory(region=naryn, name="Кочкор району", slug="kochkor")
    school_a = InstitutionPageFactory(parent=directory, title="Аламүдүн мектеби", district=alamudun)
    school_b = InstitutionPageFactory(parent=directory, title="Кочкор лицейи", district=kochkor)
    programme = ProgrammePageFactory(parent=school_b, title="Информатика")
    make = AccreditationDecisionPageFactory
    decisions = {
        "expiring": make(
            parent=register,
            institution=school_a,
            number="1/A",
            decision_date=date(2021, 3, 1),
            valid_until=TODAY + timedelta(days=60),
        ),
        "refused": make(
            parent=register,
            institution=school_b,
            number="2/R",
            outcome=Outcome.REFUSED,
            decision_date=date(2024, 5, 5),
            valid_from=None,
            valid_until=None,
            shortcomings="<p>Лаборатория жок.</p>",
        ),
        "programme": make(
            parent=register,
            institution=school_b,
            number="3/P",
            kind=Kind.PROGRAMME,
            decision_date=date(2024, 9, 1),
            valid_until=TODAY + timedelta(days=900),
            conclusion=make_document(),
        ),
        "conditional": make(
            parent=register,
            institution=school_a,
            number="4/C",
            outcome=Outcome.CONDITIONAL,
            decision_date=date(2023, 2, 2),
            valid_until=TODAY + timedelta(days=91),
        ),
    }
    decisions["programme"].programmes = [programme]
    decisions["programme"].save()
    return decisions


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"region": "chui"},
        {"district": "kochkor"},
        {"outcome": "refused"},
        {"kind": "programme"},
        {"year": "2024"},
        {"expiring": "1"},
        {"region": "naryn", "kind": "institutional"},
        {"region": "chui", "outcome": "accredited", "year": "2021"},
    ],
)
def test_decision_list_agrees_with_the_register(client, register, register_decisions, params):
    response = client.get(register.url, params)
    expected = [str(row["decision"].translation_key) for row in response.context["rows"]]
    assert expected, params  # every case selects something
    data = api(client, "/decisions", **params).json()
    assert [item["id"] for item in data["items"]] == expected
    assert data["total"] == len(expected)


def test_decision_records(client, register_decisions):
    data = api(client, "/decisions", kind="programme").json()
    (item,) = data["items"]
    decision = register_decisions["programme"]
    institution = decision.institution
    programme = institution.get_children().specific().get()
    assert item["id"] == str(decision.translation_key)
    assert item["number"] == "3/P"
    assert item["decision_date"] == "2024-09-01"
    with translation.override("ky"):  # the register is in the Kyrgyz tree only
        labels = {
            "kind": str(Kind.PROGRAMME.label),
            "status": str(AccreditationStatus.ACCREDITED.label),
            "overdue": str(AccreditationDecisionPage.Remediation.OVERDUE.label),
        }
    assert item["kind"] == {"value": "programme", "label": labels["kind"]}
    assert item["outcome"]["value"] == "accredited"
    assert item["valid_until"] == (TODAY + timedelta(days=900)).isoformat()
    assert item["status"] == {"value": "accredited", "label": labels["status"]}
    assert item["institution_id"] == str(institution.translation_key)
    assert item["institution_name"] == "Кочкор лицейи"
    assert item["programmes"] == [{"id": str(programme.translation_key), "name": "Информатика"}]
    assert item["remediation"]["value"] == "not-required"
    assert item["conclusion_url"].startswith("http://testserver/documents/")
    assert item["conclusion_url"].endswith(".pdf")
    assert item["url"].startswith("http") and item["url"].endswith(decision.url)
    refused = api(client, "/decisions", outcome="refused").json()["items"][0]
    assert refused["status"]["value"] == "refused"
    assert refused["remediation"] == {"value": "overdue", "label": labels["overdue"]}
    assert refused["remediation_due"] == "2024-08-05"
    assert refused["conclusion_url"] is None


def test_decision_paging(client, register_decisions):
    everything = [item["id"] for item in api(client, "/decisions").json()["items"]]
    assert len(everything) == 4
    window = api(client, "/decisions", limit=2, offset=1).json()
    assert [item["id"] for item in window["items"]] == everything[1:3]
    assert window["total"] == 4


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"district": "nowhere"},
        {"outcome": "maybe"},
        {"kind": "school"},
        {"year": "19x5"},
        {"year": str(TODAY.year + 1)},
        {"year": "1900"},
        {"expiring": "soon"},
        {"limit": "1000"},
        {"offset": "-1"},
        {"lang": "fr"},
    ],
)
def test_bad_decision_filters_get_a_400_with_a_reason(client, register_decisions, params):
    response = api(client, "/decisions", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["errors"]


def test_one_decision_by_its_stable_id(client, register_decisions):
    decision = register_decisions["refused"]
    data = api(client, f"/decisions/{decision.translation_key}").json()
    assert data["id"] == str(decision.translation_key)
    assert data["language"] == "ky"
    assert data["shortcomings"] == "<p>Лаборатория жок.</p>"
    # Not translated into English: the Kyrgyz version answers and says so.
    assert api(client, f"/decisions/{decision.translation_key}", lang="en").json()["language"] == "ky"
    missing = api(client, "/decisions/00000000-0000-0000-0000-000000000000", lang="en")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "No published decision has this id."
    assert api(client, "/decisions/not-a-uuid").status_code == 400


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def test_restricted_institutions_are_not_served(client, world, directory):
    hidden = world["gymnasium"]
    restrict(hidden)
    key = str(hidden.translation_key)
    assert api(client, f"/institutions/{key}").status_code == 404
    assert key not in [item["id"] for item in api(client, "/institutions", limit=100).json()["items"]]
    assert key not in directory_ids(client, directory, {})
    download = client.get("/ky/institutions/download/", {"format": "json"}).json()
    assert key not in [row["id"] for row in download["institutions"]]
    # Its programmes are behind the same restriction.
    restrict(world["college"])
    assert api(client, "/programmes", institution=str(world["college"].translation_key)).json()["total"] == 0


def test_restricted_decisions_are_not_served(client, register, register_decisions):
    hidden = register_decisions["refused"]
    restrict(hidden)
    key = str(hidden.translation_key)
    assert api(client, f"/decisions/{key}").status_code == 404
    assert key not in [item["id"] for item in api(client, "/decisions").json()["items"]]
    institution = api(client, f"/institutions/{hidden.institution.translation_key}").json()
    assert key not in [d["id"] for d in institution["decisions"]]
    assert key not in [row["id"] for row in client.get(register.url, {"format": "json"}).json()["decisions"]]
    # A restriction on the register hides every decision under it.
    restrict(register)
    assert api(client, "/decisions").json()["total"] == 0
