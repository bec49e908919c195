"""Directory downloads (CSV, XLSX, JSON) read back, with the directory's filters."""

import csv
import io
import json

import pytest
from django.utils import translation
from openpyxl import load_workbook

from accreditation.models import AccreditationDecisionPage
from accreditation.status import AccreditationStatus

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory

pytestmark = pytest.mark.django_db

URL = "/ky/institutions/download/"


def directory_ids(client, directory, params):
    response = client.get(directory.url, params)
    return [str(hit.page.translation_key) for hit in response.context["result"].hits]


def test_csv_has_a_bom_plain_columns_and_the_filtered_rows(client, world, directory):
    response = client.get(URL, {"format": "csv", "region": "bishkek", "sort": "name"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [row["id"] for row in rows] == directory_ids(client, directory, {"region": "bishkek", "sort": "name"})
    gymnasium = next(row for row in rows if row["name"] == world["gymnasium"].title)
    assert gymnasium["region"] == "Бишкек шаары"
    assert float(gymnasium["latitude"]) == pytest.approx(42.87)
    assert float(gymnasium["longitude"]) == pytest.approx(74.59)
    assert gymnasium["url"].endswith(world["gymnasium"].url)


def test_xlsx_reads_back_with_the_same_rows(client, world, directory):
    response = client.get(URL, {"format": "xlsx", "type": "college"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert "latitude" in header and "longitude" in header
    ids = [row[header.index("id")] for row in rows]
    assert ids == directory_ids(client, directory, {"type": "college"})
    assert len(ids) == 2


def test_json_has_the_filters_and_records(client, world, directory):
    response = client.get(URL, {"format": "json", "q": "сузак"})
    data = json.loads(response.content)
    assert data["filters"] == {"q": "сузак"}
    assert data["total"] == len(data["institutions"]) == len(directory_ids(client, directory, {"q": "сузак"}))
    assert data["institutions"][0]["transparency_score"] is not None


def test_unknown_format_is_a_clear_400(client, world):
    with translation.override("en"):
        response = client.get("/en/institutions/download/", {"format": "pdf"})
    assert response.status_code == 400
    assert "use csv, xlsx or json" in response.content.decode()


def test_directory_links_to_downloads_with_the_current_filters(client, world, directory):
    html = client.get(directory.url, {"region": "bishkek", "q": "колледж", "page": "1"}).content.decode()
    assert (
        'href="/ky/institutions/download/?format=csv&amp;q=%D0%BA%D0%BE%D0%BB%D0%BB%D0%B5%D0%B4%D0%B6&amp;region=bishkek"'
        in html
    )
    assert "format=xlsx" in html and "format=json" in html


def test_downloads_carry_the_status_and_filter_by_it(client, world, directory, home):
    register = DecisionIndexPageFactory(parent=home)
    accredited = AccreditationDecisionPageFactory(parent=register, institution=world["gymnasium"])
    AccreditationDecisionPageFactory(
        parent=register,
        institution=world["college"],
        outcome=AccreditationDecisionPage.Outcome.REFUSED,
        valid_from=None,
        valid_until=None,
    )
    with translation.override("ky"):
        labels = {code: str(label) for code, label in AccreditationStatus.choices}

    response = client.get(URL, {"format": "csv", "status": "accredited"})
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")))
    assert row["id"] == str(world["gymnasium"].translation_key)
    assert row["accreditation_status"] == labels["accredited"]
    assert row["accredited_until"] == accredited.valid_until.isoformat()
    assert [row["id"]] == directory_ids(client, directory, {"status": "accredited"})

    sheet = load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx", "status": "none"}).content)).active
    header, *rows = list(sheet.values)
    records = [dict(zip(header, values)) for values in rows]
    assert [r["id"] for r in records] == directory_ids(client, directory, {"status": "none"})
    assert {r["accreditation_status"] for r in records} == {labels["none"]}
    assert {r["accredited_until"] for r in records} == {None}

    data = json.loads(client.get(URL, {"format": "json", "status": "refused"}).content)
    assert data["filters"] == {"status": "refused"}
    (record,) = data["institutions"]
    assert record["id"] == str(world["college"].translation_key)
    assert (record["accreditation_status"], record["accredited_until"]) == (labels["refused"], None)
