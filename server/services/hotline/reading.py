"""Reading a 12345 export: each row checked, every problem named by row and field.

`read_orders` finds the columns by header (`columns.locate`), checks each row with the
field toolkit as the archive import does, and returns the orders with the errors; the
import stores nothing unless there are none. A 工单编号 twice in one file is an error on
the second row. The hotline's category words map to ours by keyword (退费 → fees ...);
one we cannot place is `other`, which triage re-categorises, never an error.
"""

import re
from datetime import datetime

from models.choices import COMPLAINT_CATEGORIES
from server.clock import SHANGHAI, as_utc, parse_iso
from server.errors import validation_error
from server.services.common import Form, LongText, Text, check_fields, read_grid
from server.services.hotline.columns import LABELS, current_columns, locate

MAX_ROWS = 5000  # a month of a county's 12345 education 工单 many times over
REF = re.compile(r"^[0-9A-Za-z\-_]{4,40}$")
PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,19}$")
# hotline words -> our category (first match wins; the order puts the narrow ones first)
CATEGORY_WORDS = (
    (("退费", "收费", "预付", "退款", "跑路", "合同", "乱收费"), "fees"),
    (("无证", "无照", "未审批", "黑机构"), "unlicensed"),
    (("超前", "超标"), "ahead_of_curriculum"),
    (("节假日", "周末", "寒假", "暑假", "违规时间", "晚上"), "off_hours"),
    (("隐形", "变异", "托管", "家政", "研学", "夏令营"), "disguised_subject"),
    (("境外", "国外课程"), "foreign_curriculum"),
    (("虚假", "宣传", "广告"), "false_advertising"),
    (("教师", "在职老师", "老师有偿"), "teacher"),
    (("作业", "课后服务"), "school_burden"),
    (("安全", "消防", "食品"), "safety"),
)
LABEL_CODES = {label: code for code, label in COMPLAINT_CATEGORIES.items()}


class OrderRow(Form):
    """One 工单 as the hotline exports it."""

    reasons = {
        "ref": "工单编号应为 4 到 40 位字母、数字或连字符",
        "caller_name": "来电人不超过 40 字",
        "description": "诉求内容应为 1 到 2000 字",
        "institution_name": "涉及单位应为 2 到 100 字",
        "institution_address": "涉及地址不超过 200 字",
    }
    ref: Text(40, min_length=4)
    caller_name: Text(40) | None = None
    description: LongText(2000, min_length=1)
    institution_name: Text(100, min_length=2)
    institution_address: Text(200) | None = None


def category_of(text):
    """Our category code for the hotline's words (`other` when none fits)."""
    text = str(text or "").strip()
    if text in COMPLAINT_CATEGORIES or text in LABEL_CODES:
        return LABEL_CODES.get(text, text)
    for words, code in CATEGORY_WORDS:
        if any(word in text for word in words):
            return code
    return "other"


def _moment(value, now):
    """(instant in UTC, None) or (None, reason) for the 来电时间 cell."""
    if isinstance(value, datetime):
        moment = as_utc(value if value.tzinfo else value.replace(tzinfo=SHANGHAI))
    else:
        text = str(value or "").strip().replace("/", "-")
        moment = parse_iso(text.replace(" ", "T", 1)) if text else None
    if moment is None:
        return None, "来电时间应为日期时间，如 2026-03-01 09:30"
    if moment > now:
        return None, "来电时间不能晚于现在"
    if moment.year < 2000:
        return None, "来电时间不能早于 2000 年"
    return moment, None


def _phone(value):
    """(digits, None) or (None, reason): a mobile or a landline as the hotline records it."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None, None
    if not PHONE.match(text):
        return None, "联系电话应为手机或座机号码"
    return re.sub(r"[\s\-]", "", text), None


def check_row(values, now):
    """(order, {field: reason}) for one row's cells by field."""
    cells = {k: v for k, v in values.items() if k in OrderRow.model_fields and v is not None}
    order, errors = check_fields(OrderRow, cells, lax=True)
    if "ref" in order and not REF.match(order["ref"]):
        errors["ref"] = OrderRow.reasons["ref"]
        order.pop("ref")
    order["received_at"], reason = _moment(values.get("received_at"), now)
    if reason:
        errors["received_at"] = reason
    order["caller_phone"], reason = _phone(values.get("caller_phone"))
    if reason:
        errors["caller_phone"] = reason
    order["category"] = category_of(values.get("category"))
    order["category_text"] = str(values.get("category") or "")[:40]
    return order, errors


def read_orders(filename, data, *, now):
    """([(row, order)], [{"row", "field", "column", "message"}]) of an .xlsx/.xls/.csv."""
    grid = read_grid(filename, data)
    where = locate(next(grid, None), current_columns())
    orders, errors, seen = [], [], {}
    for number, cells in enumerate(grid, start=2):
        values = {f: cells[i] if i < len(cells) else None for f, i in where.items()}
        if all(v in (None, "") for v in values.values()):
            continue
        if len(orders) >= MAX_ROWS:
            raise validation_error({"file": f"一次最多导入 {MAX_ROWS} 条工单，请分批导入"})
        order, row_errors = check_row(values, now)
        ref = order.get("ref")
        if ref in seen:
            row_errors.setdefault("ref", f"与第 {seen[ref]} 行的工单编号重复")
        elif ref:
            seen[ref] = number
        errors += [
            {"row": number, "field": f, "column": LABELS.get(f, f), "message": m}
            for f, m in row_errors.items()
        ]
        orders.append((number, order))
    return orders, errors
