"""manage.py import_institutions: happy path, idempotency, XLSX, and every kind of row error."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from demo.loader import load_classifiers
from institutions.models import InstitutionPage
from registry import files as registry_files

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "registry-sample.csv"
HEADER = "registry_code,name,type,region,district,latitude,longitude,email,phones"
GOOD = "KG-1,Кара-Балта шаарындагы №2 мектеп,general-school,chuy,jayyl,42.81,73.85,info@example.kg,+996 3133 2-22-22"


@pytest.fixture
def registry(directory):
    load_classifiers()
    return directory


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import_institutions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def run_failing(path, *args):
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as failure:
        call_command("import_institutions", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue(), str(failure.value)


def write_csv(tmp_path, *lines, name="registry.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sample_file_creates_published_institutions(registry):
    output = run(SAMPLE)
    assert "3 created, 0 updated, 0 unchanged, 0 invalid." in output
    school = InstitutionPage.objects.get(registry_code="KG-REG-0001")
    assert school.live and school.get_parent().pk == registry.pk
    assert school.title == "Бишкек шаарындагы №5 орто мектеби"
    assert (school.region.slug, school.district.slug, school.institution_type.slug) == (
        "bishkek",
        "lenin",
        "general-school",
    )
    assert school.ownership == "municipal"
    assert str(school.latitude) == "42.874600"
    assert school.year_founded == 1958
    assert school.locale.language_code == "ky"
    assert school.slug == "bishkek-sharyndagy-5-orto-mektebi"


def test_second_run_changes_nothing(registry):
    run(SAMPLE)
    revisions = {page.pk: page.latest_revision_id for page in InstitutionPage.objects.all()}
    output = run(SAMPLE)
    assert "0 created, 0 updated, 3 unchanged, 0 invalid." in output
    assert {page.pk: page.latest_revision_id for page in InstitutionPage.objects.all()} == revisions


def test_update_by_registry_code_changes_only_given_columns(registry, tmp_path):
    run(SAMPLE)
    changed = write_csv(tmp_path, "registry_code,name,email", "KG-REG-0002,Ош педагогикалык колледжи,new@example.kg")
    assert "0 created, 1 updated, 0 unchanged" in run(changed)
    college = InstitutionPage.objects.get(registry_code="KG-REG-0002")
    assert (college.title, college.email) == ("Ош педагогикалык колледжи", "new@example.kg")
    assert college.phones == "+996 3222 5-55-55, +996 3222 5-55-56"  # no phones column: kept
    assert college.live and not college.has_unpublished_changes


def test_dry_run_reports_and_writes_nothing(registry):
    output = run(SAMPLE, "--dry-run")
    assert "3 to create, 0 to update" in output and "Dry run: nothing was written." in output
    assert not InstitutionPage.objects.exists()


def test_xlsx_file(registry, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["KG-9", "Талас шаарындагы лицей", "lyceum", "Талас облусу", "Talas District", 42.52, 72.24, "", ""])
    path = tmp_path / "registry.xlsx"
    workbook.save(path)
    assert "1 created" in run(path)
    lyceum = InstitutionPage.objects.get(registry_code="KG-9")
    assert (lyceum.region.slug, lyceum.district.slug) == ("talas", "talas")  # names in any language


@pytest.mark.parametrize(
    "row, message",
    [
        ("KG-1,,general-school,chuy,jayyl,42.81,73.85,,", "The name is missing."),
        (",Мектеп,general-school,chuy,jayyl,42.81,73.85,,", "The registry code is missing."),
        ("KG-1,Мектеп,general-school,atlantis,,42.81,73.85,,", "Unknown region “atlantis”."),
        ("KG-1,Мектеп,general-school,chuy,nowhere,42.81,73.85,,", "Unknown district “nowhere”."),
        ("KG-1,Мектеп,general-school,chuy,lenin,42.81,73.85,,", "District “lenin” is not in region “chuy”."),
        ("KG-1,Мектеп,academy,chuy,jayyl,42.81,73.85,,", "Unknown institution type “academy”."),
        ("KG-1,Мектеп,general-school,chuy,jayyl,51.5,73.85,,", "Latitude 51.500000 is outside Kyrgyzstan"),
        ("KG-1,Мектеп,general-school,chuy,jayyl,42.81,0.12,,", "Longitude 0.120000 is outside Kyrgyzstan"),
        ("KG-1,Мектеп,general-school,chuy,jayyl,42.81,,,", "Give both latitude and longitude, or neither."),
        ("KG-1,Мектеп,general-school,chuy,jayyl,north,73.85,,", "“north” is not a coordinate"),
        ("KG-1,Мектеп,general-school,chuy,jayyl,42.81,73.85,not-an-email,", "“not-an-email” is not an e-mail address."),
        ("KG-1,Мектеп,general-school,chuy,jayyl,42.81,73.85,,call us", "“call us” is not a phone number."),
        ("KG-1,Мектеп,general-school,,,42.81,73.85,,", "The region is missing"),
    ],
)
def test_every_kind_of_row_error_is_reported_and_nothing_is_written(registry, tmp_path, row, message):
    path = write_csv(tmp_path, HEADER, GOOD.replace("KG-1", "KG-0"), row)
    output, error = run_failing(path)
    assert "Row 3 (" in output and message in output
    assert "Nothing was written" in error
    assert not InstitutionPage.objects.exists()


def test_repeated_code_in_the_file_is_reported_on_both_rows(registry, tmp_path):
    path = write_csv(tmp_path, HEADER, GOOD, GOOD.replace("№2", "№3"))
    output, _error = run_failing(path)
    assert "Row 2 (KG-1): The registry code KG-1 is also on row 3." in output
    assert "Row 3 (KG-1): The registry code KG-1 is also on row 2." in output


def test_skip_invalid_writes_the_valid_rows(registry, tmp_path):
    path = write_csv(tmp_path, HEADER, GOOD, "KG-2,,general-school,chuy,jayyl,42.81,73.85,,")
    output = run(path, "--skip-invalid")
    assert "1 created, 0 updated, 0 unchanged, 1 invalid." in output
    assert list(InstitutionPage.objects.values_list("registry_code", flat=True)) == ["KG-1"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("registry.pdf", b"%PDF", "Give a .csv or .xlsx file."),
        ("registry.csv", b"", "The file is empty."),
        ("registry.csv", b"code;title\n1;x\n", "The file has no column registry_code, name."),
        ("registry.xlsx", b"not a workbook", "The XLSX file cannot be opened"),
        # A value over csv.field_size_limit() (131,072 characters) is a csv.Error, not a crash.
        (
            "registry.csv",
            (HEADER + "\n" + GOOD + "\nKG-2," + "x" * 140_000 + ",a,b\n").encode(),
            "cannot be read after row 2: a value is too long (over 131072 characters)",
        ),
        ("registry.csv", (HEADER + "\n" + GOOD + "\x00\n").encode(), "contains NUL bytes"),
        ("registry.csv", HEADER.encode("utf-16"), "contains NUL bytes"),
        # Neither UTF-8 nor Windows-1251 (0x98 is unassigned in Windows-1251).
        ("registry.csv", HEADER.encode() + b"\nKG-1,\x98\n", "neither UTF-8 nor Windows-1251"),
    ],
)
def test_unreadable_files_get_a_clear_message(registry, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    _output, error = run_failing(path)
    assert message in error


def test_a_malformed_csv_writes_nothing(registry, tmp_path):
    path = write_csv(tmp_path, HEADER, GOOD, "KG-2," + "x" * 140_000)
    run_failing(path, "--skip-invalid")
    assert not InstitutionPage.objects.filter(registry_code="KG-1").exists()


def test_reading_stops_at_the_row_limit(registry, tmp_path, monkeypatch):
    monkeypatch.setattr(registry_files, "MAX_ROWS", 2)
    # Rows past the limit are never read: the broken row at the end is not reached.
    path = write_csv(
        tmp_path, HEADER, GOOD, GOOD.replace("KG-1", "KG-2"), GOOD.replace("KG-1", "KG-3"), "KG-4," + "x" * 140_000
    )
    _output, error = run_failing(path)
    assert "The file has more than 2 rows; split it." in error
    assert not InstitutionPage.objects.exists()


def test_an_xlsx_is_read_only_up_to_the_row_limit(registry, tmp_path, monkeypatch):
    monkeypatch.setattr(registry_files, "MAX_ROWS", 5)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for number in range(200):
        sheet.append([f"KG-{number}", "Мектеп", "general-school", "chuy", "jayyl", 42.8, 73.8, "", ""])
    path = tmp_path / "registry.xlsx"
    workbook.save(path)
    read = []
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            read.append(row)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    _output, error = run_failing(path)
    assert "The file has more than 5 rows; split it." in error
    assert len(read) <= 8  # the header, 5 rows, the one past the limit (and what the parser had buffered)
    assert not InstitutionPage.objects.exists()


def test_semicolons_and_windows_1251_as_excel_saves_them(registry, tmp_path):
    path = tmp_path / "registry.csv"
    path.write_bytes((HEADER.replace(",", ";") + "\n" + GOOD.replace(",", ";") + "\n").encode("cp1251", "replace"))
    run(path)
    assert InstitutionPage.objects.get(registry_code="KG-1").district.slug == "jayyl"
