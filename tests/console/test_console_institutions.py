"""Console institution archive: search, create, edit, status change with reason, import."""

import io

from models.institution import Institution
from tests.support.console_client import text_of
from tests.support.directory_helpers import credit_code

NEW = {
    "name": "新东方培训学校",
    "aliases": "新东方\n东方学校",
    "credit_code": credit_code(1),
    "kind": "subject",
    "nature": "for_profit",
    "mode": "offline",
    "district": "城关镇",
    "address": "人民路 8 号",
    "lat": "29.08",
    "lng": "119.64",
    "teachers_total": "12",
    "teachers_qualified": "10",
    "status": "whitelist",
}


def create(admin, **overrides):
    """Create through the console form; returns the new institution's page URL."""
    admin.get("/console/institutions/new")
    response = admin.post("/console/institutions", {**NEW, **overrides})
    return response.headers["Location"]


def csv_upload(text, name="机构.csv"):
    return {"file": (io.BytesIO(text.encode("utf-8")), name)}


def test_create_search_and_open(console_login):
    admin = console_login("boss", ["admin"])
    page = admin.page(create(admin))
    assert "已建档" in page
    assert "新东方培训学校" in page
    assert "白名单" in page
    assert "共 12 人，持证 10 人" in page
    assert "新东方、东方学校" in page
    for query in ("xdf", "东方", credit_code(1)):
        assert "新东方培训学校" in admin.page(f"/console/institutions?q={query}")
    assert "新东方培训学校" not in admin.page("/console/institutions?status=blacklist")


def test_bad_fields_are_reported_on_the_form(console_login):
    admin = console_login("boss", ["admin"])
    admin.get("/console/institutions/new")
    form = {**NEW, "credit_code": "91330723MA00000010", "lat": "north"}
    page = text_of(admin.post("/console/institutions", form, status=400))
    assert "统一社会信用代码无效" in page
    assert "纬度：应为数字" in page
    assert 'value="新东方培训学校"' in page  # what was typed is kept
    assert Institution.objects.count() == 0


def test_edit_keeps_status_and_saves_fields(console_login):
    admin = console_login("boss", ["admin"])
    location = create(admin)
    admin.get(location + "/edit")
    admin.post(location + "/edit", {**NEW, "address": "解放路 2 号", "status": "blacklist"})
    stored = Institution.objects.get()
    assert stored.address == "解放路 2 号"
    assert stored.status == "whitelist"


def test_status_change_needs_a_reason_and_is_on_record(console_login):
    admin = console_login("boss", ["admin"])
    location = create(admin)
    admin.get(location)
    page = text_of(admin.post(location + "/status", {"status": "blacklist"}, status=400))
    assert "请说明原因" in page
    admin.post(location + "/status", {"status": "blacklist", "reason": "超前培训屡教不改"})
    page = admin.page(location)
    history = page[page.index('id="status-history"') :].split("</ol>")[0]
    assert "黑名单" in history
    assert "超前培训屡教不改" in history
    assert "boss" in history
    assert Institution.objects.get().status == "blacklist"


def test_import_reports_every_bad_row_and_stores_nothing(console_login):
    admin = console_login("boss", ["admin"])
    admin.get("/console/institutions/import")
    text = (
        "机构名称,统一社会信用代码,类型,乡镇街道\n"
        f"阳光书院,{credit_code(2)},学科类,城关镇\n"
        "月亮书院,12345,学科类,城关镇\n"
        ",,非学科类,\n"
    )
    response = admin.post(
        "/console/institutions/import",
        csv_upload(text),
        content_type="multipart/form-data",
        status=400,
    )
    page = text_of(response)
    report = page[page.index('id="import-errors"') :].split("</table>")[0]
    assert "导入失败" in page
    assert "未导入任何数据" in page
    assert '<td class="num">3</td><td>统一社会信用代码</td>' in report
    assert '<td class="num">4</td><td>机构名称</td>' in report
    assert Institution.objects.count() == 0


def test_a_good_import_creates_them(console_login):
    admin = console_login("boss", ["admin"])
    admin.get("/console/institutions/import")
    text = (
        "机构名称,统一社会信用代码,类型,类别\n"
        f"阳光书院,{credit_code(2)},学科类,\n"
        "星光舞蹈,,非学科类,文化艺术类\n"
    )
    response = admin.post(
        "/console/institutions/import",
        csv_upload(text),
        content_type="multipart/form-data",
        status=200,
    )
    assert "新建 2 家" in text_of(response)
    assert Institution.objects.count() == 2


def test_viewers_read_but_do_not_write(console_login):
    admin = console_login("boss", ["admin"])
    location = create(admin)
    viewer = console_login("reader", ["viewer"])
    page = viewer.page(location)
    assert "新东方培训学校" in page
    assert "status-form" not in page
    assert "编辑档案" not in page
    assert "批量导入" not in viewer.page("/console/institutions")
    viewer.get("/console/institutions/new", status=403)
    viewer.get("/console/institutions/import", status=403)
    viewer.post(location + "/status", {"status": "blacklist", "reason": "x"}, status=403)
    viewer.post(location + "/edit", {**NEW, "address": "x"}, status=403)
    viewer.post("/console/institutions", NEW, status=403)
    assert Institution.objects.get().status == "whitelist"
    export = viewer.get("/console/institutions/export?format=csv")
    assert "新东方培训学校" in export.get_data(as_text=True)
