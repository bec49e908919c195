"""Reading a registry file (CSV or XLSX) into header-keyed rows of text."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ROWS = 20_000


class RegistryFileError(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class RegistryFile:
    columns: list
    rows: list  # (line number in the file, {column: text})
    notes: list = field(default_factory=list)


def read_registry_file(name: str, content: bytes) -> RegistryFile:
    """The file's rows, read only up to MAX_ROWS + 1 (a longer file is refused without reading the rest)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return _keyed(_csv_rows(content), _csv_error)
    if suffix == ".xlsx":
        workbook = _open_xlsx(content)
        try:
            return _keyed(workbook.worksheets[0].iter_rows(values_only=True), _xlsx_error, _cell_text)
        finally:
            workbook.close()
    raise RegistryFileError(_("Give a .csv or .xlsx file."))


def _csv_rows(content):
    if b"\x00" in content:
        raise RegistryFileError(
            _(
                "The CSV file contains NUL bytes (it is not text, or it is saved as UTF-16); save it again as "
                "CSV in UTF-8."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1251")  # Excel on a Russian-language Windows saves CSV this way
        except UnicodeDecodeError:
            raise RegistryFileError(_("The CSV file is neither UTF-8 nor Windows-1251 text.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _csv_error(number):
    # csv.Error: a value over csv.field_size_limit() (131,072 characters), a quote left open at the end…
    return RegistryFileError(
        _(
            "The CSV file cannot be read after row %(row)d: a value is too long (over %(max)d characters) or a "
            "quote is not closed. Check the file in a spreadsheet program and save it again as CSV."
        )
        % {"row": number, "max": csv.field_size_limit()}
    )


def _open_xlsx(content):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        workbook.worksheets[0]  # noqa: B018 - a workbook without sheets fails here, with the same message
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same clear message
        raise RegistryFileError(
            _("The XLSX file cannot be opened; save it again from a spreadsheet program.")
        ) from None
    return workbook


def _xlsx_error(number):
    return RegistryFileError(
        _("The XLSX file cannot be read after row %(row)d; save it again from a spreadsheet program.") % {"row": number}
    )


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year or a code typed as a number
    return str(value)


def _keyed(rows, error, text=str) -> RegistryFile:
    """Rows keyed by the header's column names; each keeps its row number in the file (blank rows skipped).

    Reads lazily and stops at the first row past MAX_ROWS, so a huge file costs no more than the limit.
    """
    header, keyed = None, []
    number = 0
    iterator = iter(rows)
    while True:
        try:
            row = next(iterator, None)
        except Exception:  # noqa: BLE001 - csv.Error, or a broken XLSX part found while reading
            raise error(number) from None
        if row is None:
            break
        number += 1
        cells = [text(cell) for cell in row]
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            continue
        if len(keyed) == MAX_ROWS:
            raise RegistryFileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        keyed.append((number, {column: cell.strip() for column, cell in zip(header, cells) if column}))
    if header is None:
        raise RegistryFileError(_("The file is empty."))
    return RegistryFile(columns=[c for c in header if c], rows=keyed)
