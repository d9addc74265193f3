"""The ledger as files: an xlsx workbook staff open in Excel, or a csv.

xlsx: a write-only workbook (rows stream into openpyxl's temporary sheet file instead
of a cell tree, so only the compressed result is held in memory); bold frozen header
row, a filter on it, widths that fit the Chinese text, real date cells. csv: UTF-8 with a BOM
(Excel otherwise reads the Chinese as GBK garbage), produced chunk by chunk for streaming.

Text parents or staff typed could start with `=`, `+`, `-` or `@`, which a spreadsheet
runs as a formula (CSV injection): xlsx cells are written as plain strings, and csv
cells get a leading apostrophe, as OWASP advises.
"""

import codecs
import csv
import io
from datetime import datetime
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from server.services.common import defused, period_args, report_period, today_in_shanghai, writable
from server.services.permissions import require
from server.services.reports.complaint_ledger import COLUMNS, check_format, ledger_rows

SHEET_TITLE = "投诉台账"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
ROWS_PER_CHUNK = 200


def _cell(sheet, value, column):
    """One data cell; text stays text even when it looks like a formula, and loses what
    XML cannot hold (stored text is never trusted)."""
    cell = WriteOnlyCell(sheet, value=writable(value))
    if isinstance(value, str):
        cell.data_type = "s"
    elif column.kind == "time" and value is not None:
        cell.number_format = TIME_FORMAT
    return cell


def attachment_disposition(period, extension):
    """A Content-Disposition naming the file in Chinese (RFC 5987), in ASCII for the rest."""
    dates = f"{period.first.isoformat()}_{period.last.isoformat()}"
    ascii_name = f"complaint-ledger_{dates}.{extension}"
    chinese = quote(f"投诉台账_{dates}.{extension}")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{chinese}"


def xlsx_bytes(rows):
    """The rows as an xlsx workbook (its compressed bytes: a few MB for a year)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}1"
    bold, centred = Font(bold=True), Alignment(horizontal="center", vertical="center")
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.alignment = bold, centred
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(
            [_cell(sheet, value, column) for value, column in zip(row, COLUMNS, strict=True)]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv_text(value):
    """A cell as csv text: times to the minute, formulas defused, None empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if not isinstance(value, str):
        return str(value)
    return defused(value)


def csv_chunks(rows):
    """The rows as csv, UTF-8 with BOM, in byte chunks of a few hundred rows each."""
    yield codecs.BOM_UTF8
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    pending = 0
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
        pending += 1
        if pending == ROWS_PER_CHUNK:
            yield _drain(buffer)
            pending = 0
    yield _drain(buffer)


def _drain(buffer):
    """What the buffer holds, encoded, and the buffer emptied."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}


def ledger_args(args):
    """{"first", "last", "file_format"} from the export's query mapping; 400 if bad."""
    return {**period_args(args), "file_format": check_format(args.get("format"))}


def export_ledger(*, actor, first=None, last=None, file_format="xlsx", calendar, now):
    """The ledger file of the period (dates) in `file_format`: (body, content type,
    disposition).

    Both the staff API and the console serve exactly this; the body of a csv is an iterator
    of chunks so it streams.
    """
    require(actor, "export_ledger")
    period = report_period(first, last, today=today_in_shanghai(now))
    rows = ledger_rows(period, actor=actor, calendar=calendar, now=now)
    body = csv_chunks(rows) if file_format == "csv" else xlsx_bytes(rows)
    return body, CONTENT_TYPES[file_format], attachment_disposition(period, file_format)
