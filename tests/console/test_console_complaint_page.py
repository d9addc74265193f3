"""The complaint page in staff language, 受理并分派 in one step, and the institution page's
picker search and code downloads."""

import io
from datetime import UTC, datetime

from PIL import Image

from models.complaint import Complaint
from server.services.directory import sync as directory_sync
from tests.support.complaint_support import make_institution
from tests.support.console_client import VERSION_RE
from tests.support.factories import complaint_in

BASE = "/api/staff/v1/complaints"
SATURDAY = datetime(2026, 6, 6, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def test_accept_and_assign_is_one_guarded_step(login_staff, make_staff, file_complaint):
    handler = make_staff("h_triage", ["handler"], ["triage"])
    dispatcher = login_staff("disp", ["dispatcher"])
    no = file_complaint()
    body = {"action": "accept_assign", "version": 1, "assignee": str(handler.pk)}
    bad = dispatcher.post(f"{BASE}/{no}/actions", json={**body, "assignee": "x"}, status=400)
    assert bad["errors"] == {"assignee": "承办人必须是该投诉所在队列的在岗承办人"}
    assert Complaint.objects.get(no=no).version == 1  # nothing half-done
    done = dispatcher.post(f"{BASE}/{no}/actions", json=body)
    assert (done["status"], done["version"], done["assignee"]["username"]) == (
        "in_progress",
        2,
        "h_triage",
    )
    assert [(a["action"], a["from"], a["to"]) for a in done["audit"][1:]] == [
        ("accept_assign", "submitted", "in_progress")
    ]
    assert Complaint.objects.get(no=no).accepted_at is not None
    again = dispatcher.post(f"{BASE}/{no}/actions", json=body, status=409)
    assert again["code"] == "version_conflict"


def test_the_audit_trail_reads_in_staff_language(console_login, make_staff, file_complaint):
    handler = make_staff("h_triage", ["handler"], ["triage"])
    handler.update(set__name="李承办")
    browser = console_login("disp", ["dispatcher"])
    no = file_complaint(photos=1)
    page = browser.page(f"/console/complaints/{no}")
    version = VERSION_RE.search(page).group(1)
    form = {"action": "accept_assign", "version": version, "assignee": str(handler.pk)}
    browser.post(f"/console/complaints/{no}/actions", form)
    page = browser.page(f"/console/complaints/{no}")
    version = VERSION_RE.search(page).group(1)
    form = {"action": "resolve", "version": version, "outcome": "substantiated"}
    browser.post(f"/console/complaints/{no}/actions", {**form, "message": "已责令退费。"})
    page = browser.page(f"/console/complaints/{no}")
    audit = page[page.index('id="audit"') :].split("</table>")[0]
    assert "承办人：李承办" in audit
    assert "h_triage" not in audit
    assert "队列：综合受理" in audit
    assert "triage" not in audit.replace("h_triage", "")
    assert "内容：已责令退费；" not in audit
    assert "。；" not in audit
    assert "版本" not in page  # the version travels in the forms only
    assert "等待家长评价（剩 7 天）" in page


def test_archived_address_and_only_fitting_hints(console_login, file_complaint):
    school = make_institution("启明学科辅导中心", address="城关镇文化路 8 号", nature="for_profit")
    # Both happened on Saturday 6 June 2026 (hints read when it happened, not when filed).
    fees = file_complaint(school, occurred_at="2026-06-06T10:00:00+08:00")
    late = file_complaint(
        school, code="parent-code-b", category="off_hours", occurred_at="2026-06-06T10:00"
    )
    browser = console_login("disp", ["dispatcher"])
    page = browser.page(f"/console/complaints/{fees}")
    assert "城关镇文化路 8 号" in page[page.index('id="institution-address"') :][:200]
    hints = page[page.index('id="hints"') :].split("</ul>")[0]
    assert "休息日" not in hints
    assert "营利性" in hints
    assert "休息日" in browser.page(f"/console/complaints/{late}")


def test_the_picker_finds_institutions_and_the_codes_download(console_login):
    sunshine = make_institution("阳光学科培训中心")
    directory_sync.rebuild()
    browser = console_login("disp", ["dispatcher"])
    found = browser.get("/console/institutions/lookup?q=阳光").get_json()["items"]
    assert [(i["id"], i["name"]) for i in found] == [(str(sunshine.id), "阳光学科培训中心")]
    assert browser.get("/console/institutions/lookup?q=").get_json() == {"items": []}
    page = browser.page(f"/console/institutions/{sunshine.id}")
    assert "下载小程序码" in page
    assert "下载张贴海报" in page
    code = browser.get(f"/console/institutions/{sunshine.id}/code")
    assert code.headers["Content-Disposition"].startswith("attachment")
    assert Image.open(io.BytesIO(code.data)).size == (430, 430)
    poster = Image.open(
        io.BytesIO(browser.get(f"/console/institutions/{sunshine.id}/code?poster=1").data)
    )
    assert poster.size[1] > 430


def test_a_handler_cannot_look_at_another_queues_complaint_in_the_list(console_login, demo_queues):
    theirs = complaint_in("submitted", queue=demo_queues["sports"], created_at=SATURDAY)
    browser = console_login("h_train", ["handler"], ["training"])
    assert theirs.no not in browser.page("/console/complaints?status=submitted")
    assert theirs.no not in browser.page("/console/complaints?queue=sports")
    assert theirs.no not in browser.page("/console/")
