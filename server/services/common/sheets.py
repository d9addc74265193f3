"""Spreadsheets in and out: one grid reader for .xlsx, .xls and .csv uploads, one writer.

Every import (the institution archive, the 12345 hotline's 工单) reads its upload through
`read_grid`, which yields rows of cell values, header first, and turns any unreadable file
into a clear 400 on `file`. An .xlsx is checked by `xlsx_guard` before openpyxl parses it;
an .xls (the BIFF format provinces still publish their lists in) is read by xlrd, whose
numbers are all floats (whole ones come back as int) and whose dates are serials (they
come back as datetime); a .csv may be UTF-8 or GB18030, as Excel in China saves it.
"""

import csv
import io

import xlrd
from openpyxl import Workbook, load_workbook

from server.errors import validation_error
from server.services.common import xlsx_guard

UNREADABLE = "无法读取该 Excel 文件"
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def read_grid(filename, data, *, formats=("xlsx", "xls", "csv")):
    """An iterator of rows (lists of cell values) of the upload's first sheet; 400 when the
    file's kind is not one of `formats` or it cannot be read."""
    kind = (filename or "").lower().rpartition(".")[2]
    readers = {"xlsx": _xlsx_grid, "xls": _xls_grid, "csv": _csv_grid}
    if kind not in formats or kind not in readers:
        allowed = "、".join("." + f for f in formats)
        raise validation_error({"file": f"请上传 {allowed} 文件"})
    return readers[kind](data)


def _xlsx_grid(data):
    xlsx_guard.check_parts(data)  # sizes from the zip directory, before any XML is parsed
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return _unless_damaged(book.worksheets[0].iter_rows(values_only=True))
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise validation_error({"file": UNREADABLE}) from None


def _unless_damaged(rows):
    """The rows, read lazily; a damaged sheet is a 400, not a 500."""
    try:
        yield from rows
    except Exception:  # as above: openpyxl's errors have no common base
        raise validation_error({"file": UNREADABLE}) from None


def _xls_grid(data):
    """Rows of an .xls (BIFF) workbook's first sheet, read by xlrd."""
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheet = book.sheet_by_index(0)
        rows = [
            [_xls_value(cell, book.datemode) for cell in sheet.row(number)]
            for number in range(sheet.nrows)
        ]
    except Exception:  # xlrd raises XLRDError, struct/index/assertion errors on damaged files
        raise validation_error({"file": UNREADABLE}) from None
    return iter(rows)


def _xls_value(cell, datemode):
    """A BIFF cell as openpyxl would give it: int for whole numbers, datetime for dates."""
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    return cell.value


def _csv_grid(data):
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GB18030/GBK
        try:
            return iter(list(csv.reader(io.StringIO(data.decode(encoding)))))
        except (UnicodeDecodeError, csv.Error):
            continue
    raise validation_error({"file": "无法识别 CSV 文件的编码（支持 UTF-8 和 GBK）"})


def write_sheet(rows, file_format, *, title):
    """The rows as .xlsx or .csv bytes (CSV with a BOM, so Excel reads the Chinese)."""
    if file_format == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
