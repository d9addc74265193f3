"""The staff work list as it is filtered, as an xlsx workbook (for the 半月通报).

Rows are the list's own items (so the caller's visibility and filters apply); every text
cell is written as a plain string, so a description starting with `=` never runs as a
formula. Times are Shanghai wall time.
"""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from server.clock import SHANGHAI, parse_iso

SHEET_TITLE = "投诉列表"
EXPORT_LIMIT = 5000  # a half-month bulletin is hundreds of rows; this bounds memory
TIME_FORMAT = "%Y-%m-%d %H:%M"


def _time(value):
    moment = parse_iso(value) if value else None
    return moment.astimezone(SHANGHAI).strftime(TIME_FORMAT) if moment else ""


def _days_left(item):
    left = item.get("working_days_left")
    if left is None:
        return ""
    return f"逾期 {-left} 个工作日" if left < 0 else f"剩 {left} 个工作日"


def _marks(item):
    marks = (("overdue", "逾期"), ("due_soon", "临期"), ("urgent", "紧急"), ("has_news", "新消息"))
    return "、".join(text for key, text in marks if item.get(key))


# (header, width, value of one list item)
COLUMNS = (
    ("编号", 18, lambda i: i["no"]),
    ("状态", 10, lambda i: i["status_label"]),
    ("类别", 18, lambda i: i["category_label"]),
    ("机构", 28, lambda i: (i.get("institution") or {}).get("name") or ""),
    ("队列", 16, lambda i: (i.get("queue") or {}).get("name") or ""),
    ("承办人", 14, lambda i: (i.get("assignee") or {}).get("name") or ""),
    ("期限", 18, lambda i: _time(i.get("due_at"))),
    ("剩余", 16, _days_left),
    ("标记", 16, _marks),
    ("提交时间", 18, lambda i: _time(i.get("created_at"))),
    ("来源渠道", 12, lambda i: i.get("channel_label") or ""),
    ("同类投诉", 10, lambda i: (i.get("cluster") or {}).get("size") or ""),
)


def complaint_list_xlsx(items, *, now):
    """(xlsx bytes, file name) of the list items, header row first."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, (_, width, _) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for title, _, _ in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for item in items:
        row = []
        for _, _, read in COLUMNS:
            cell = WriteOnlyCell(sheet, value=str(read(item) or ""))
            cell.data_type = "s"
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = now.astimezone(SHANGHAI).strftime("%Y%m%d-%H%M")
    return buffer.getvalue(), f"complaints-{stamp}.xlsx"
