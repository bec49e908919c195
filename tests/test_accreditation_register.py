"""The /decisions/ register: filters, notes on bad filter values, pagination, and downloads of the
same selection read back as CSV, XLSX and JSON."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.utils import translation
from openpyxl import load_workbook

from accreditation.models import AccreditationDecisionPage
from accreditation.register import PER_PAGE

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
)
from .factories import DistrictFactory, InstitutionPageFactory, RegionFactory

Outcome = AccreditationDecisionPage.Outcome
Kind = AccreditationDecisionPage.Kind
TODAY = date.today()


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def decisions(directory, register):
    chui = RegionFactory(name="Чүй облусу", slug="chui")
    naryn = RegionFactory(name="Нарын облусу", slug="naryn")
    alamudun = DistrictFactory(region=chui, name="Аламүдүн району", slug="alamudun")
    kochkor = DistrictFactory(region=naryn, name="Кочкор району", slug="kochkor")
    school_a = InstitutionPageFactory(
        parent=directory, title="Аламүдүн мектеби", district=alamudun, latitude="42.890000", longitude="74.640000"
    )
    school_b = InstitutionPageFactory(parent=directory, title="Кочкор лицейи", district=kochkor)
    make = AccreditationDecisionPageFactory
    return {
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
        ),
        "programme": make(
            parent=register,
            institution=school_b,
            number="3/P",
            kind=Kind.PROGRAMME,
            decision_date=date(2024, 9, 1),
            valid_until=TODAY + timedelta(days=900),
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


def numbers(response):
    return {row["decision"].number for row in response.context["rows"]}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"1/A", "2/R", "3/P", "4/C"}),
        ("?region=chui", {"1/A", "4/C"}),
        ("?district=kochkor", {"2/R", "3/P"}),
        ("?outcome=refused", {"2/R"}),
        ("?kind=programme", {"3/P"}),
        ("?year=2024", {"2/R", "3/P"}),
        ("?expiring=1", {"1/A"}),  # 60 days left; 91 days is outside the window
        ("?region=naryn&kind=institutional", {"2/R"}),
    ],
)
def test_filters(client, register, decisions, query, expected):
    response = client.get(register.url + query)
    assert response.status_code == 200
    assert numbers(response) == expected


@pytest.mark.parametrize(
    "query", ["?outcome=maybe", "?year=19x5", "?year=2999", "?region=atlantis", "?expiring=yes", "?page=abc"]
)
def test_bad_filter_values_are_dropped_with_a_note(client, register, decisions, query):
    with translation.override("en"):
        response = client.get(register.url.replace("/ky/", "/en/") + query)
    assert response.status_code == 200
    assert numbers(response) == {"1/A", "2/R", "3/P", "4/C"}
    html = response.content.decode()
    assert 'class="notice"' in html
    if "page" not in query:
        assert "is not valid" in html


def test_pagination(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    for n in range(PER_PAGE + 3):
        AccreditationDecisionPageFactory(
            parent=register, institution=institution, decision_date=date(2020, 1, 1) + timedelta(days=n)
        )
    first = client.get(register.url)
    second = client.get(register.url + "?page=2")
    assert len(first.context["rows"]) == PER_PAGE
    assert len(second.context["rows"]) == 3
    assert 'rel="next"' in first.content.decode()


def test_overdue_remediation_is_highlighted_with_text(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    AccreditationDecisionPageFactory(
        parent=register,
        institution=institution,
        outcome=Outcome.CONDITIONAL,
        shortcomings="<p>Лаборатория жок.</p>",
        decision_date=TODAY - timedelta(days=200),
        valid_until=TODAY + timedelta(days=500),
    )
    with translation.override("en"):
        html = client.get(register.url.replace("/ky/", "/en/")).content.decode()
    assert 'class="remediation remediation--overdue"' in html
    assert "Overdue" in html


# The downloads' columns: plain names, the same in every language and format (as the directory's).
COLUMNS = [
    "id",
    "number",
    "decision_date",
    "institution_id",
    "institution",
    "region",
    "district",
    "latitude",
    "longitude",
    "kind",
    "outcome",
    "valid_from",
    "valid_until",
    "remediation_due",
    "remediation",
    "url",
]


def test_csv_download_has_the_same_selection(client, register, decisions):
    response = client.get(register.url + "?region=chui&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    rows = list(reader)
    assert reader.fieldnames == COLUMNS  # not translated, though the register is in Kyrgyz
    assert [row["number"] for row in rows] == ["4/C", "1/A"]  # newest first, as on the page
    expiring = decisions["expiring"]
    row = rows[1]
    assert row["id"] == str(expiring.translation_key)
    assert row["institution_id"] == str(expiring.institution.translation_key)
    assert row["institution"] == "Аламүдүн мектеби"
    assert row["region"] == "Чүй облусу" and row["district"] == "Аламүдүн району"
    assert (float(row["latitude"]), float(row["longitude"])) == (pytest.approx(42.89), pytest.approx(74.64))
    assert row["decision_date"] == "2021-03-01"
    assert row["valid_until"] == (TODAY + timedelta(days=60)).isoformat()


def test_xlsx_download(client, register, decisions):
    response = client.get(register.url + "?outcome=refused&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert list(header) == COLUMNS
    (row,) = [dict(zip(header, values)) for values in rows]
    refused = decisions["refused"]
    assert row["number"] == "2/R"
    assert row["id"] == str(refused.translation_key)
    assert row["institution_id"] == str(refused.institution.translation_key)
    assert row["institution"] == "Кочкор лицейи"
    assert row["valid_until"] is None  # a refusal has no validity


def test_json_download(client, register, decisions):
    response = client.get(register.url + "?kind=programme&format=json")
    data = json.loads(response.content)
    assert data["filters"] == {"kind": "programme"}
    assert data["total"] == 1
    (record,) = data["decisions"]
    assert list(record) == COLUMNS  # the same names as the CSV and XLSX headers
    assert record["number"] == "3/P"
    assert record["id"] == str(decisions["programme"].translation_key)
    assert record["kind"]
    assert record["url"].endswith(decisions["programme"].url)


def test_download_with_a_bad_filter_still_answers(client, register, decisions):
    response = client.get(register.url + "?year=abc&format=json")
    assert response.status_code == 200
    assert len(json.loads(response.content)["decisions"]) == 4


def test_expiring_within_90_days_at_the_boundary(client, directory, register):
    institution = InstitutionPageFactory(parent=directory)
    for number, valid_until in [
        ("day-90", TODAY + timedelta(days=90)),  # the 90th day is inside the window
        ("day-91", TODAY + timedelta(days=91)),
        ("today", TODAY),  # the last valid day
        ("yesterday", TODAY - timedelta(days=1)),  # already expired
    ]:
        AccreditationDecisionPageFactory(
            parent=register,
            institution=institution,
            number=number,
            decision_date=date(2021, 1, 1),
            valid_until=valid_until,
        )
    AccreditationDecisionPageFactory(
        parent=register,
        institution=institution,
        number="refused",
        outcome=Outcome.REFUSED,
        decision_date=date(2021, 1, 1),
        valid_from=None,
        valid_until=TODAY + timedelta(days=10),
    )
    assert numbers(client.get(register.url + "?expiring=1")) == {"day-90", "today"}


def test_the_year_filter_offers_each_year_with_a_decision_once_newest_first(client, register, decisions):
    response = client.get(register.url)
    assert response.context["years"] == [2024, 2023, 2021]  # two decisions in 2024, one year each
