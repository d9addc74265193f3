"""POST /hotline/import and GET /hotline/export: the 12345 hotline's 工单, in and back out."""

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from models.complaint import Complaint
from server.clock import SHANGHAI
from tests.support.complaint_support import make_institution
from tests.support.instants import local_date
from tests.support.sheets import csv_bytes, upload, xls, xlsx

STAFF = "/api/staff/v1"
HEADERS = [
    "工单编号",
    "来电时间",
    "来电人",
    "联系电话",
    "诉求内容",
    "诉求类型",
    "涉及单位",
    "涉及地址",
]


def orders(now):
    """Three 工单 as the hotline exports them: Shanghai wall times, its own category words."""
    at = (now - timedelta(days=1)).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
    return [
        ["GD20260608001", at, "李女士", "13900001111", "孩子报班后机构拒绝退费。", "教育培训退费",
         "启航教育", None],
        ["GD20260608002", at, "王先生", "0579-82345678", "周末给小学生上奥数。", "违规培训",
         "彩虹托管", "幸福路 8 号"],
        ["GD20260608003", at, None, None, "机构虚假宣传包过。", "虚假宣传", "启航教育", None],
    ]  # fmt: skip


@pytest.fixture
def dispatcher(login_staff, demo_queues):
    return login_staff("dispatcher", ("dispatcher",))


def test_a_file_with_one_bad_row_stores_nothing_and_says_which(dispatcher, now):
    rows = orders(now)
    rows[1][1] = "明天上午"  # not a time
    rows[2][4] = ""  # no 诉求内容
    answer = upload(dispatcher, f"{STAFF}/hotline/import", xlsx(HEADERS, rows), "12345.xlsx", 400)
    assert answer["code"] == "import_failed"
    assert [(e["row"], e["field"], e["column"]) for e in answer["errors"]] == [
        (3, "received_at", "来电时间"),
        (4, "description", "诉求内容"),
    ]
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("kind", ["xlsx", "xls", "csv"])
def test_the_same_file_twice_stores_each_order_once(dispatcher, now, kind):
    school = make_institution("启航教育")
    maker = {"xlsx": xlsx, "xls": xls, "csv": csv_bytes}[kind]
    data = maker(HEADERS, orders(now))
    first = upload(dispatcher, f"{STAFF}/hotline/import", data, f"12345.{kind}")
    again = upload(dispatcher, f"{STAFF}/hotline/import", data, f"12345.{kind}")
    assert (first["created"], first["existing"]) == (3, 0)
    assert (again["created"], again["existing"]) == (0, 3)
    stored = {c.external_ref: c for c in Complaint.objects(channel="hotline_12345")}
    assert sorted(stored) == ["GD20260608001", "GD20260608002", "GD20260608003"]
    assert stored["GD20260608001"].institution.id == school.id
    assert stored["GD20260608001"].category == "fees"
    assert stored["GD20260608002"].institution_name == "彩虹托管"
    assert stored["GD20260608002"].contact_phone == "057982345678"
    items = dispatcher.get(f"{STAFF}/complaints")["items"]
    assert {i["channel"] for i in items} == {"hotline_12345"}


def test_an_admin_added_header_is_found(admin, now):
    admin.put(f"{STAFF}/hotline/columns", json={"ref": ["市民热线单号"]})
    headers = ["市民热线单号", *HEADERS[1:]]
    answer = upload(admin, f"{STAFF}/hotline/import", csv_bytes(headers, orders(now)), "a.csv")
    assert answer["created"] == 3


def test_a_file_without_the_required_columns_is_refused(dispatcher, now):
    data = csv_bytes(["编号", "内容"], [["1", "x"]])
    answer = upload(dispatcher, f"{STAFF}/hotline/import", data, "a.csv", 400)
    assert "工单编号" in answer["errors"]["file"]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_results_export_reads_back_with_the_order_numbers(dispatcher, now, file_format):
    upload(dispatcher, f"{STAFF}/hotline/import", xlsx(HEADERS, orders(now)), "12345.xlsx")
    no = Complaint.objects.get(external_ref="GD20260608003").no
    version = dispatcher.get(f"{STAFF}/complaints/{no}")["version"]
    reply = {
        "action": "reply",
        "message": "已约谈机构负责人，责令整改宣传材料。",
        "version": version,
    }
    dispatcher.post(f"{STAFF}/complaints/{no}/actions", json=reply)
    query = {"from": local_date(now, -3), "to": local_date(now), "format": file_format}
    response = dispatcher.get(f"{STAFF}/hotline/export", query_string=query)
    if file_format == "xlsx":
        sheet = load_workbook(io.BytesIO(response.data)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["工单编号", "办理状态", "办结时间", "答复内容", "承办单位"]
    by_ref = {row[0]: row for row in rows[1:]}
    assert sorted(by_ref) == ["GD20260608001", "GD20260608002", "GD20260608003"]
    assert by_ref["GD20260608003"][1] == "待受理"
    assert by_ref["GD20260608003"][3] == "已约谈机构负责人，责令整改宣传材料。"
    assert by_ref["GD20260608003"][4]  # the queue that handles it
    again = upload(dispatcher, f"{STAFF}/hotline/import", response.data, f"back.{file_format}", 400)
    assert again["code"] == "validation_error"  # a results file is not an order file


def test_handlers_neither_import_nor_export(login_staff, now):
    handler = login_staff("handler_t", ("handler",), ("training",))
    data = xlsx(HEADERS, orders(now))
    upload(handler, f"{STAFF}/hotline/import", data, "a.xlsx", 403)
    handler.get(f"{STAFF}/hotline/export", status=403)
