"""Console rectification ledger: open, list with filters, close with evidence and photos."""

import io
from datetime import timedelta

from PIL import Image

from models.institution import Institution
from models.rectification import Rectification
from tests.support.console_client import text_of
from tests.support.instants import local_date


def jpeg_bytes(colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def open_one(now, browser, institution, due_in_days=10, problems="超前培训\n违规收费"):
    """Open a rectification through the console form, due `due_in_days` after `now`."""
    browser.get(f"/console/rectifications/new?institution_id={institution.id}")
    due = local_date(now, due_in_days)
    form = {
        "institution_id": str(institution.id),
        "problems": problems,
        "requirements": "立即停止",
        "due_date": due,
        "summary": "责令整改",
    }
    return browser.post("/console/rectifications", form).headers["Location"]


def test_open_list_and_close_with_photos(console_login, now):
    handler = console_login("h1", ["handler"])
    school = Institution(name="启明培训中心", status="whitelist").save()
    assert "启明培训中心" in handler.page(f"/console/rectifications/new?institution_id={school.id}")
    location = open_one(now, handler, school)
    page = handler.page(location)
    assert "已开具整改通知" in page
    assert "超前培训" in page
    assert "close-form" in page
    assert "启明培训中心" in handler.page("/console/rectifications?status=open")
    response = handler.post(
        location + "/close",
        {"evidence": "已退费并停课", "photos": [(io.BytesIO(jpeg_bytes()), "fix.jpg")]},
        content_type="multipart/form-data",
    )
    page = handler.page(response.headers["Location"])
    assert "已销号" in page
    assert "已退费并停课" in page
    assert "close-form" not in page
    entry = Rectification.objects.get()
    assert entry.status == "closed"
    assert len(entry.evidence_photos) == 1
    photo = entry.evidence_photos[0]
    thumb = handler.get(f"{location}/photos/{photo.id}?size=thumb")
    assert thumb.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(thumb.data)).width <= 640
    assert "启明培训中心" not in handler.page("/console/rectifications?status=open")
    assert "启明培训中心" in handler.page("/console/rectifications?status=closed")


def test_overdue_filter_marks_late_ones(console_login, now):
    handler = console_login("h1", ["handler"])
    late = Institution(name="迟到机构").save()
    on_time = Institution(name="准时机构").save()
    open_one(now, handler, late)
    open_one(now, handler, on_time)
    Rectification.objects(institution=late).update_one(set__due_at=now - timedelta(days=1))
    page = handler.page("/console/rectifications?status=overdue")
    assert "迟到机构" in page
    assert "准时机构" not in page
    assert "逾期" in page


def test_form_errors_and_a_second_close(console_login, now):
    handler = console_login("h1", ["handler"])
    school = Institution(name="启明培训中心").save()
    handler.get(f"/console/rectifications/new?institution_id={school.id}")
    form = {"institution_id": str(school.id), "problems": "", "due_date": "2020-01-01"}
    page = text_of(handler.post("/console/rectifications", form, status=400))
    assert "请列出 1–20 个问题" in page
    assert "整改期限不能早于今天" in page
    location = open_one(now, handler, school)
    handler.get(location)
    page = text_of(handler.post(location + "/close", {"evidence": ""}, status=400))
    assert "请填写整改证明材料说明" in page
    handler.post(location + "/close", {"evidence": "已整改"})
    handler.get(location)
    page = text_of(handler.post(location + "/close", {"evidence": "再次"}, status=422))
    assert "不能重复销号" in page


def test_viewer_reads_but_cannot_open_or_close(console_login, now):
    handler = console_login("h1", ["handler"])
    location = open_one(now, handler, Institution(name="启明培训中心").save())
    viewer = console_login("reader", ["viewer"])
    page = viewer.page(location)
    assert "启明培训中心" in page
    assert "close-form" not in page
    assert "开具整改通知" not in viewer.page("/console/rectifications")
    viewer.get("/console/rectifications/new", status=403)
    viewer.post(location + "/close", {"evidence": "x"}, status=403)
    assert Rectification.objects.get().status == "open"


def test_bad_filter_is_a_400_page(console_login):
    viewer = console_login("reader", ["viewer"])
    page = viewer.page("/console/rectifications?status=bogus", status=400)
    assert "必须是 open、closed 或 overdue" in page
