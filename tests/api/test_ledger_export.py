"""GET /ledger/export: the known mix row by row in xlsx (openpyxl) and csv; never a phone."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_OUTCOMES,
    COMPLAINT_STATUSES,
    RATING_SCORES,
)
from models.complaint import Complaint
from server.clock import SHANGHAI
from tests.support import report_mix
from tests.support.factories import ComplaintFactory
from tests.support.report_mix import LISTED, PERIOD, phone_of

mix = report_mix.mix  # the known mix, filed and moved through the API

EXPORT = "/api/staff/v1/ledger/export"
HEADERS = [
    "投诉编号", "提交时间", "受理时间", "办结时间", "投诉类别", "涉及机构", "乡镇（街道）",
    "承办队列", "承办人", "状态", "办理结果", "处理措施", "受理用时（工作日）",
    "办结用时（工作日）", "按期受理", "按期办结", "家长评价", "备注", "来源渠道",
]  # fmt: skip
YES_NO = {True: "是", False: "否", None: None}


def local(moment):
    """A stored moment as the naive Shanghai time a spreadsheet shows."""
    return moment.astimezone(SHANGHAI).replace(tzinfo=None) if moment else None


def expected_row(case, mix, queues):
    """What the ledger must say about one case, from what the test did."""
    times = case.times
    remarks = {
        "rejected": "不予受理理由：不属于教育部门职责",
        "merged": "并入投诉 " + (mix["c8"].no if case.status == "merged" else ""),
    }
    return [
        case.no,
        local(times["created_at"]),
        local(times.get("accepted_at")),
        local(times.get("resolved_at")),
        COMPLAINT_CATEGORIES[case.category],
        LISTED[case.institution][0] if case.institution in LISTED else case.institution,
        LISTED[case.institution][1]["district"] if case.institution in LISTED else None,
        queues[case.queue].name,
        f"h_{case.queue}" if case.handler else None,
        COMPLAINT_STATUSES[case.status],
        COMPLAINT_OUTCOMES[case.outcome] if case.outcome else None,
        "约谈负责人" if case.outcome else None,
        case.accept_days,
        case.resolve_days,
        YES_NO[case.accepted_on_time],
        YES_NO[case.resolved_on_time],
        RATING_SCORES[case.rating] if case.rating else None,
        remarks.get(case.status),
        "小程序",
    ]


def expected_rows(mix, queues):
    cases = sorted(mix.values(), key=lambda case: case.times["created_at"])
    return [expected_row(case, mix, queues) for case in cases]


def test_the_xlsx_ledger_holds_every_complaint_row_by_row(mix, admin, demo_queues):
    response = admin.get(f"{EXPORT}?{PERIOD}&format=xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "complaint-ledger_2026-03-01_2026-03-31.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.title == "投诉台账"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:S1"
    assert sheet.column_dimensions["A"].width == 17
    assert sheet.column_dimensions["L"].width == 40
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert rows[1:] == expected_rows(mix, demo_queues)
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
    text = " ".join(str(value) for row in rows for value in row)
    stored = {c.contact_phone for c in Complaint.objects}  # the phones are there to leak
    assert stored == {phone_of(case) for case in mix.values()}
    assert not any(phone_of(case) in text for case in mix.values())
    assert "1390000" not in text


def test_the_csv_ledger_says_the_same_with_a_bom(mix, login_staff, demo_queues):
    viewer = login_staff("viewer", ("viewer",))
    response = viewer.get(f"{EXPORT}?{PERIOD}&format=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADERS

    def as_text(value):
        if value is None:
            return ""
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value)

    assert rows[1:] == [[as_text(v) for v in row] for row in expected_rows(mix, demo_queues)]
    assert "1390000" not in text


def test_formulas_typed_by_parents_stay_text(admin):
    ComplaintFactory(institution_name='=HYPERLINK("http://x","点我")', measures="+1 整改")
    sheet = load_workbook(io.BytesIO(admin.get(EXPORT).data)).active
    assert sheet["F2"].data_type == "s"
    assert sheet["F2"].value == '=HYPERLINK("http://x","点我")'
    assert sheet["L2"].data_type == "s"
    assert sheet["L2"].value == "+1 整改"
    (row,) = list(csv.reader(io.StringIO(admin.get(f"{EXPORT}?format=csv").data.decode()[1:])))[1:]
    assert row[5] == '\'=HYPERLINK("http://x","点我")'
    assert row[11] == "'+1 整改"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row[1])


def test_who_may_export(login_staff, client):
    for roles in (("dispatcher",), ("viewer",), ("admin",)):
        login_staff("_".join(roles), roles).get(f"{EXPORT}?format=csv")
    handler = login_staff("h_training", ("handler",), ("training",))
    assert handler.get(EXPORT, status=403)["code"] == "forbidden"
    client.get(EXPORT, status=401)


@pytest.mark.parametrize(
    ("query", "field"), [("format=pdf", "format"), ("from=2026-02-30", "from")]
)
def test_bad_arguments_name_the_field(admin, query, field):
    body = admin.get(f"{EXPORT}?{query}", status=400)
    assert set(body["errors"]) == {field}
