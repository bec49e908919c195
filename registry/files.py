"""Reading a registry file (CSV or XLSX) into header-keyed rows of text."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

MAX_ROWS = 20_000


class RegistryFileError(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class RegistryFile:
    columns: list
    rows: list  # (line number in the file, {column: text})
    notes: list = field(default_factory=list)


def read_registry_file(name: str, content: bytes) -> RegistryFile:
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        table = _csv_table(content)
    elif suffix == ".xlsx":
        table = _xlsx_table(content)
    else:
        raise RegistryFileError(_("Give a .csv or .xlsx file."))
    return _keyed(table)


def _csv_table(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1251")  # Excel on a Russian-language Windows saves CSV this way
        except UnicodeDecodeError:
            raise RegistryFileError(_("The CSV file is neither UTF-8 nor Windows-1251 text.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_table(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same clear message
        raise RegistryFileError(_("The XLSX file cannot be opened; save it again from a spreadsheet program.")) from None
    sheet = workbook.worksheets[0]
    table = [["" if value is None else _cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


def _cell_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year or a code typed as a number
    return str(value)


def _keyed(table) -> RegistryFile:
    """Rows keyed by the header's column names; each keeps its row number in the file (blank rows skipped)."""
    numbered = [(number, row) for number, row in enumerate(table, start=1) if any(str(cell).strip() for cell in row)]
    if not numbered:
        raise RegistryFileError(_("The file is empty."))
    _header_number, header = numbered[0]
    columns = [str(cell).strip().lower() for cell in header]
    if len(numbered) - 1 > MAX_ROWS:
        raise RegistryFileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    rows = [
        (number, {column: str(cell).strip() for column, cell in zip(columns, row) if column})
        for number, row in numbered[1:]
    ]
    return RegistryFile(columns=[c for c in columns if c], rows=rows)
