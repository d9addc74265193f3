"""The security audit as a file for the auditor: xlsx (Excel) or csv (UTF-8 with BOM).

Cells are written as text (xlsx) or defused (csv), so nothing in an entry runs as a
formula. The export itself is audited (who exported which filters).
"""

import codecs
import csv
import io
import json

from openpyxl import Workbook

from server.errors import validation_error
from server.services.audit.actions import EXPORTED
from server.services.audit.reading import build_query, entry_item, matching, require_auditor
from server.services.audit.recording import record
from server.services.common import defused, writable

HEADERS = ("序号", "时间", "操作人", "角色", "客户端地址", "操作", "对象", "结果", "详情")
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
MAX_ROWS = 100_000


def _row(item):
    return [
        item["seq"],
        item["at"],
        item["actor"]["username"] or "系统",
        ",".join(item["actor"]["roles"]),
        item["client_addr"] or "",
        item["action_label"],
        item["target"] or "",
        item["outcome_label"],
        json.dumps(item["details"], ensure_ascii=False, sort_keys=True),
    ]


def _xlsx(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("安全审计")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([writable(value) if isinstance(value, str) else value for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([defused(v) if isinstance(v, str) else v for v in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def export_audit(staff, filters, file_format):
    """(body, content type, file name) of the matching entries (the auditor alone)."""
    require_auditor(staff)
    if file_format not in FORMATS:
        raise validation_error({"format": "格式只能是 xlsx 或 csv"})
    query = build_query(**filters)
    docs = [] if query is None else matching(query, limit=MAX_ROWS)
    rows = [_row(entry_item(doc)) for doc in docs]
    body = _csv(rows) if file_format == "csv" else _xlsx(rows)
    shown = {key: str(value) for key, value in filters.items() if value}
    record(actor=staff, action=EXPORTED, target="audit", details={"rows": len(rows), **shown})
    return body, FORMATS[file_format], f"security-audit.{file_format}"
