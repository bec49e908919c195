"""The one writer of table downloads (CSV, XLSX, JSON): formula-safe, and cached under a caller's key.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and, after a tab or carriage
return, some of them still do) as a formula. Following OWASP's CSV-injection guidance, such text
cells get a leading single quote in CSV and XLSX, so an institution titled `=HYPERLINK(…)` is shown
as text. Whether a cell is a number is decided by its Python type: ints, floats and Decimals are
written as numbers, every string as text (so "-5" typed into a name stays text, quoted). JSON is
data for scripts, not a spreadsheet: it carries the values unchanged.

The file is built by the caller's `build()` and its bytes are cached under the caller's key (the
callers put the content version and their normalised query in it), so a repeated or reordered
query string is served without running the query again.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "xlsx", "json")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# JSON opens in the browser (people read it there); the spreadsheets are saved.
DISPOSITIONS = {"csv": "attachment", "xlsx": "attachment", "json": "inline"}
XLSX_MAX_TEXT = 32_767  # Excel's limit for one cell


@dataclass
class Export:
    """What a download holds, whatever its format.

    tables: {name: (headers, rows)}; XLSX writes one sheet each, JSON a list of records each.
    csv_table: the table a CSV holds (the first when not given); with more than one table its name
    is added to the file name. meta: JSON's fields before the tables (language, filters, notes…);
    json_tables: the tables JSON holds (all when not given). name_suffix: added to the file name
    (e.g. that the selection was cut).
    cacheable: False for an answer that must not be kept (e.g. from a fallback search engine).
    """

    tables: dict
    csv_table: str | None = None
    meta: dict = field(default_factory=dict)
    json_tables: tuple | None = None
    name_suffix: str = ""
    cacheable: bool = True


def is_number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def safe_text(value):
    """Text a spreadsheet shows as text: a leading quote before a formula trigger."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value):
    if value is None:
        return ""
    if is_number(value):
        return value
    return safe_text(value)


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    # A byte-order mark, so Excel reads the file as UTF-8 and shows Cyrillic names.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(value) for value in headers])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx_cell(sheet, value):
    if value is None or is_number(value):
        return value
    # Control characters are not allowed in XLSX at all; text over Excel's limit is cut.
    text = ILLEGAL_CHARACTERS_RE.sub("", safe_text(value))[:XLSX_MAX_TEXT]
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, never a formula or an error code such as "#N/A"
    return cell


def xlsx_bytes(tables):
    """tables: {sheet name: (headers, rows)}; written row by row (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    for name, (headers, rows) in tables.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append([_xlsx_cell(sheet, value) for value in headers])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def records(headers, rows):
    return [dict(zip(headers, row)) for row in rows]


def json_bytes(export):
    data = dict(export.meta)
    names = export.json_tables or tuple(export.tables)
    data.update({name: records(*export.tables[name]) for name in names})
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")


def render(fmt, export):
    """(file name suffix, bytes) of an Export in one format."""
    if fmt == "csv":
        name = export.csv_table or next(iter(export.tables))
        suffix = f"-{name}" if len(export.tables) > 1 else ""
        return suffix, csv_bytes(*export.tables[name])
    if fmt == "xlsx":
        return "", xlsx_bytes(export.tables)
    if fmt == "json":
        return "", json_bytes(export)
    raise ValueError(f"Unknown download format {fmt!r}")


def download_response(fmt, filename, build, cache_key=None):
    """The response for one download; build() → Export runs only when the cache has no copy.

    cache_key: None to build every time; else a key that changes with everything the file shows.
    """
    key = f"download:{fmt}:{cache_key}" if cache_key else None
    cached = cache.get(key) if key else None
    if cached is None:
        export = build()
        suffix, content = render(fmt, export)
        cached = (export.name_suffix + suffix, content)
        if key and export.cacheable:
            cache.set(key, cached, settings.PUBLIC_CACHE_SECONDS)
    suffix, content = cached
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'{DISPOSITIONS[fmt]}; filename="{filename}{suffix}.{fmt}"'
    return response
