"""Which column of a 12345 export holds which field: found by header, adjustable by admins.

The hotline platform's export names its columns in Chinese (工单编号, 来电时间 ...), and
cities differ in the words. Each field has default headers; an admin adds more through
`PUT /hotline/columns`, stored in `HotlineColumns`. A header matches after spaces and
full-width brackets are dropped, so "工单编号 " and "工单编号（必填）" both find `ref`.
"""

import re

from models.hotline import HotlineColumns
from server.errors import validation_error
from server.services import audit
from server.services.common import Form, Items, Text, check
from server.services.hotline.shapes import HotlineColumnsView
from server.services.permissions import require

# field -> default headers (the first is what the results export writes)
DEFAULTS = {
    "ref": ("工单编号", "工单号", "工单编码"),
    "received_at": ("来电时间", "受理时间", "登记时间", "派单时间"),
    "caller_name": ("来电人", "来电人姓名", "诉求人", "联系人"),
    "caller_phone": ("联系电话", "来电号码", "联系方式"),
    "description": ("诉求内容", "来电内容", "诉求详情", "问题描述"),
    "category": ("诉求类型", "问题分类", "诉求分类"),
    "institution_name": ("涉及单位", "被反映单位", "反映对象", "涉及机构"),
    "institution_address": ("涉及地址", "单位地址", "事发地址", "发生地址"),
}
REQUIRED = ("ref", "received_at", "description", "institution_name")
LABELS = {field: headers[0] for field, headers in DEFAULTS.items()}
NOISE = re.compile(r"\s+|[（(][^）)]*[）)]")


def normal_header(text):
    """A header as compared: no spaces, no bracketed remark."""
    return NOISE.sub("", str(text or ""))


class ColumnsInput(Form):
    """PUT /hotline/columns: extra headers per field."""

    reasons = {field: "每项为表头文字列表（每个 1 到 30 字，最多 10 个）" for field in DEFAULTS}
    ref: Items(Text(30, min_length=1), 10) | None = None
    received_at: Items(Text(30, min_length=1), 10) | None = None
    caller_name: Items(Text(30, min_length=1), 10) | None = None
    caller_phone: Items(Text(30, min_length=1), 10) | None = None
    description: Items(Text(30, min_length=1), 10) | None = None
    category: Items(Text(30, min_length=1), 10) | None = None
    institution_name: Items(Text(30, min_length=1), 10) | None = None
    institution_address: Items(Text(30, min_length=1), 10) | None = None


def current_columns():
    """{field: [headers]}: the defaults, then what admins added."""
    stored = HotlineColumns.objects(key="default").first()
    extra = stored.extra if stored else {}
    found = {field: [*headers, *extra.get(field, [])] for field, headers in DEFAULTS.items()}
    return HotlineColumnsView.answer(found)


def set_columns(data, *, staff):
    """Replace the admins' extra headers (the defaults always stay); the full mapping."""
    require(staff, "manage_hotline")
    given = check(ColumnsInput, data).given()
    extra = {field: list(dict.fromkeys(v)) for field, v in given.items() if v}
    owners = {normal_header(h): f for f, headers in DEFAULTS.items() for h in headers}
    for field, headers in extra.items():
        for header in headers:
            other = owners.setdefault(normal_header(header), field)
            if other != field:
                raise validation_error({field: f"表头“{header}”已用于{LABELS[other]}"})
    HotlineColumns.objects(key="default").update_one(
        set__extra=extra, set__updated_by=staff.username, upsert=True
    )
    audit.record(actor=staff, action=audit.SETTING_CHANGED, target="hotline_columns")
    return current_columns()


def locate(header_row, columns):
    """{field: column index} for the header row; 400 naming the required headers missing."""
    where = {}
    lookup = {normal_header(h): f for f, headers in columns.items() for h in headers}
    for index, cell in enumerate(header_row or ()):
        field = lookup.get(normal_header(cell))
        if field and field not in where:
            where[field] = index
    missing = [LABELS[field] for field in REQUIRED if field not in where]
    if missing:
        raise validation_error({"file": "缺少这些列：" + "、".join(missing)})
    return where
