"""CSV, XLSX and JSON responses for tables of (headers, rows)."""

import csv
import io

from django.http import HttpResponse, JsonResponse


def csv_response(filename, headers, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # A byte-order mark, so Excel reads the file as UTF-8 and shows Cyrillic names.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(headers)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return response


def xlsx_response(filename, tables):
    """tables: {sheet name: (headers, rows)}, one worksheet each."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (headers, rows) in tables.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def json_response(filename, data):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def table_records(headers, rows):
    return [dict(zip(headers, row)) for row in rows]


