"""A table as a download, CSV or XLSX (openpyxl): the directive tracker and the
summary of comments on a draft use the same function."""

import csv

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(name: str, sheet_title: str, header: list[str], rows, kind: str) -> HttpResponse:
    """`kind` is "csv" or "xlsx"; `rows` yields lists of cells."""
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(rows)
        return response
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title.replace("/", "-")[:31]
    sheet.append(header)
    for line in rows:
        sheet.append(line)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    workbook.save(response)
    return response
