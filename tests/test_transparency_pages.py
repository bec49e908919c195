"""The transparency index (/transparency/), its downloads, and the profile's checklist and charts."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from institutions.disclosures import DISCLOSURES
from institutions.models import ProgrammeEnrolment, StaffStatistic
from transparency.score import FRESH_DAYS
from transparency.statistics import transparency_statistics

from .conftest import locale_of
from .factories import (
    DistrictFactory,
    InstitutionPageFactory,
    InstitutionTypeFactory,
    ProgrammePageFactory,
    RegionFactory,
)
from .test_transparency_score import STALE, TODAY, add_media_link, disclosures_published_on, nothing_published


@pytest.fixture
def scored(directory):
    """Four live Kyrgyz institutions with hand-counted scores 100, 8, 0 and 50, plus two that must not count.

    Region Ala (districts A1: 100, 8; A2: 0) averages 36.0; region Batken (B1: 50) 50.0; nationally 39.5.
    Type Lyceum (100, 0) averages 50.0; type College (8, 50) 29.0.
    """
    ala = RegionFactory(name="Ала облусу", sort_order=1)
    batken = RegionFactory(name="Баткен облусу", sort_order=2)
    a1 = DistrictFactory(region=ala, name="А1 району")
    a2 = DistrictFactory(region=ala, name="А2 району")
    b1 = DistrictFactory(region=batken, name="Б1 району")
    lyceum = InstitutionTypeFactory(name="Лицей", sort_order=1)
    college = InstitutionTypeFactory(name="Колледж", sort_order=2)
    pages = {
        "complete": InstitutionPageFactory(
            parent=directory,
            title="Толук лицей",
            district=a1,
            institution_type=lyceum,
            **disclosures_published_on(TODAY),
        ),
        "mission_only": InstitutionPageFactory(
            parent=directory, title="Миссия колледжи", district=a1, institution_type=college
        ),
        "empty": InstitutionPageFactory(
            parent=directory, title="Бош лицей", district=a2, institution_type=lyceum, **nothing_published()
        ),
        "stale": InstitutionPageFactory(
            parent=directory,
            title="Эски колледж",
            district=b1,
            institution_type=college,
            **disclosures_published_on(STALE),
        ),
    }
    add_media_link(pages["complete"], TODAY)
    add_media_link(pages["stale"], STALE)
    # Neither a draft nor a page of another language is counted.
    InstitutionPageFactory(parent=directory, title="Долбоор", district=b1, live=False, **nothing_published())
    InstitutionPageFactory(
        parent=directory, title="Русская школа", district=b1, locale=locale_of("ru"), **nothing_published()
    )
    return pages


def transparency_url(language="ky"):
    with translation.override(language):
        return reverse("transparency")


def number(text):
    return float(text.strip().replace(",", ".").replace("\xa0", ""))


def table_numbers(html, table_id, column=-1):
    """{row header: number in the given column} of a table on the page."""
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
    result = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S):
        header = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)).strip()
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        result[header] = number(re.sub(r"<[^>]+>", "", cells[column]))
    return result


def chart_values(html, chart_id):
    svg = re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title[^>]*>(.*?)</svg>', html, re.S).group(1)
    return [float(value) for value in re.findall(r'data-value="([^"]+)"', svg)]


def test_statistics_match_hand_counts(scored):
    stats = transparency_statistics(locale_of("ky"))
    assert stats["institutions"] == 4
    assert stats["national_average"] == 39.5
    assert [(g["region"], g["institutions"], g["average"]) for g in stats["by_region"]] == [
        ("Ала облусу", 3, 36.0),
        ("Баткен облусу", 1, 50.0),
    ]
    assert [(g["district"], g["average"]) for g in stats["by_district"]] == [
        ("А1 району", 54.0),
        ("А2 району", 0.0),
        ("Б1 району", 50.0),
    ]
    assert [(g["institution_type"], g["average"]) for g in stats["by_type"]] == [("Лицей", 50.0), ("Колледж", 29.0)]
    assert [row["title"] for row in stats["most_complete"]] == [
        "Толук лицей",
        "Эски колледж",
        "Миссия колледжи",
        "Бош лицей",
    ]
    assert [row["title"] for row in stats["least_complete"]][:2] == ["Бош лицей", "Миссия колледжи"]


def test_index_page_shows_the_numbers_in_tables_and_charts(client, scored):
    response = client.get(transparency_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "39,5" in html or "39.5" in html
    regions = table_numbers(html, "table-region")
    assert regions == {"Ала облусу": 36.0, "Баткен облусу": 50.0}
    assert chart_values(html, "chart-region") == list(regions.values())
    districts = table_numbers(html, "table-district")
    assert districts == {"А1 району": 54.0, "А2 району": 0.0, "Б1 району": 50.0}
    assert chart_values(html, "chart-district") == list(districts.values())
    types = table_numbers(html, "table-type")
    assert types == {"Лицей": 50.0, "Колледж": 29.0}
    assert chart_values(html, "chart-type") == list(types.values())
    # Each chart is an image with a title and a description; no script draws it.
    assert html.count('role="img"') == 3 and html.count("<desc id=") == 3
    # The extremes link to the profiles.
    assert f'href="{scored["complete"].url}"' in html
    assert "Долбоор" not in html and "Русская школа" not in html


def test_index_in_another_language_counts_only_that_language(client, scored):
    html = client.get(transparency_url("ru")).content.decode()
    assert "Русская школа" in html
    assert "Толук лицей" not in html


def test_csv_download_has_a_bom_and_the_same_numbers(client, scored):
    response = client.get(transparency_url(), {"format": "csv", "table": "regions"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["region"], int(r["institutions"]), float(r["average_score"])) for r in rows] == [
        ("Ала облусу", 3, 36.0),
        ("Баткен облусу", 1, 50.0),
    ]
    institutions = list(
        csv.DictReader(io.StringIO(client.get(transparency_url(), {"format": "csv"}).content.decode("utf-8-sig")))
    )
    by_name = {row["name"]: row for row in institutions}
    assert {name: int(row["score"]) for name, row in by_name.items()} == {
        "Толук лицей": 100,
        "Миссия колледжи": 8,
        "Бош лицей": 0,
        "Эски колледж": 50,
    }
    assert by_name["Миссия колледжи"]["mission"] == "fresh"
    assert by_name["Миссия колледжи"]["quality_system"] == "missing"
    assert by_name["Эски колледж"]["media_links"] == "stale"


def test_xlsx_download_reads_back(client, scored):
    response = client.get(transparency_url(), {"format": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"summary", "regions", "districts", "types", "institutions"} <= set(workbook.sheetnames)
    summary = list(workbook["summary"].values)
    assert summary == [("institutions", "national_average_score"), (4, 39.5)]
    districts = list(workbook["districts"].values)
    assert districts[0] == ("region", "district", "institutions", "average_score")
    assert [(row[1], row[3]) for row in districts[1:]] == [("А1 району", 54.0), ("А2 району", 0.0), ("Б1 району", 50.0)]
    assert workbook["institutions"].max_row == 5


def test_json_download_reads_back(client, scored):
    data = json.loads(client.get(transparency_url(), {"format": "json"}).content)
    assert data["language"] == "ky"
    assert data["institutions_count"] == 4
    assert data["national_average_score"] == 39.5
    assert data["fresh_days"] == FRESH_DAYS
    assert [(t["institution_type"], t["average_score"]) for t in data["types"]] == [("Лицей", 50.0), ("Колледж", 29.0)]
    assert sorted(row["score"] for row in data["institutions"]) == [0, 8, 50, 100]


def test_index_with_no_institutions(client, directory):
    response = client.get(transparency_url())
    assert response.status_code == 200
    data = json.loads(client.get(transparency_url(), {"format": "json"}).content)
    assert data["institutions_count"] == 0 and data["national_average_score"] is None


def test_profile_checklist_shows_missing_and_stale_items(client, directory):
    page = InstitutionPageFactory(parent=directory, strategic_plan="<p>План</p>", strategic_plan_updated=STALE)
    html = client.get(page.url).content.decode()
    checklist = html.split('id="transparency-heading"')[1].split("</section>")[0]
    # Mission fresh, strategic plan stale with its date, the other 10 items missing: (1 + 0.5) / 12 -> 13.
    assert "13" in re.search(r'class="score-badge">(.*?)</span>', checklist).group(1)
    rows = re.findall(r'<tr class="checklist__item checklist__item--(\w+)">(.*?)</tr>', checklist, re.S)
    assert [state for state, _row in rows].count("fresh") == 1
    assert [state for state, _row in rows].count("stale") == 1
    assert [state for state, _row in rows].count("missing") == 10
    stale_row = next(row for state, row in rows if state == "stale")
    assert f'datetime="{STALE:%Y-%m-%d}"' in stale_row
    with translation.override("ky"):
        assert str(DISCLOSURES[1].label) in stale_row  # the label in the page's language
    assert "4.4" in checklist and "1.6" in checklist
    # The "Add to comparison" link starts a comparison with this institution.
    assert f'/ky/compare/?ids={page.pk}"' in html


def test_profile_shows_the_latest_five_years_of_staff(client, directory):
    page = InstitutionPageFactory(parent=directory)
    for year in (2019, 2024, 2017, 2022, 2018, 2021, 2023, 2020):  # 8 years, stored out of order
        StaffStatistic.objects.create(institution=page, year=year, teaching_staff=year - 2000, support_staff=1)
    html = client.get(page.url).content.decode()
    staff_section = html.split('id="staff-heading"')[1].split("</section>")[0]
    years = re.findall(r'<th scope="row">(\d{4})</th>', staff_section)
    assert years == ["2020", "2021", "2022", "2023", "2024"]
    teaching = [int(value) for value in re.findall(r"<td>(\d+)</td>", staff_section)][::2]
    assert chart_values(staff_section, "chart-staff")[::2] == teaching == [20, 21, 22, 23, 24]


def test_profile_charts_match_their_tables(client, directory):
    page = InstitutionPageFactory(parent=directory)
    for year, teaching, support in [(2021, 40, 12), (2022, 42, 13), (2023, 45, 15)]:
        StaffStatistic.objects.create(institution=page, year=year, teaching_staff=teaching, support_staff=support)
    programme = ProgrammePageFactory(parent=page, title="Тигүү")
    for year, learners in [(2022, 25), (2023, 30)]:
        ProgrammeEnrolment.objects.create(programme=programme, year=year, learners=learners)
    html = client.get(page.url).content.decode()
    staff_section = html.split('id="staff-heading"')[1].split("</section>")[0]
    cells = [int(value) for value in re.findall(r"<td>(\d+)</td>", staff_section)]
    assert chart_values(staff_section, "chart-staff") == cells == [40, 12, 42, 13, 45, 15]
    learners_section = html.split('id="learners-heading"')[1].split("</section>")[0]
    cells = [int(value) for value in re.findall(r"<td>(\d+)</td>", learners_section)]
    assert chart_values(learners_section, "chart-learners") == cells == [25, 30]
    assert '<title id="chart-staff-title">' in staff_section
