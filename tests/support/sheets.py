"""Spreadsheet files as the bureau's staff upload them: .xlsx, .xls (BIFF) and .csv bytes."""

import csv
import io

import xlwt
from openpyxl import Workbook


def xlsx(headers, rows):
    """An .xlsx file's bytes."""
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(headers, rows):
    """An .xls (Excel 97-2003, BIFF8) file's bytes, written by xlwt as old Excel does."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for number, row in enumerate([headers, *rows]):
        for column, value in enumerate(row):
            if value is not None:
                sheet.write(number, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(headers, rows, encoding="utf-8-sig"):
    """A .csv file's bytes."""
    text = io.StringIO()
    csv.writer(text).writerows([headers, *rows])
    return text.getvalue().encode(encoding)


def upload(staff, path, data, filename, status=200):
    """POST the file as multipart field `file`; the JSON answer."""
    return staff.post(
        path,
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        status=status,
    )
