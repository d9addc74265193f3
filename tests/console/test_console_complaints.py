"""Console complaints: queues with counts, the list's marks, the page, actions and conflicts."""

import io
from datetime import timedelta

from PIL import Image

from models.complaint import Complaint
from tests.support.console_client import VERSION_RE, text_of
from tests.support.factories import keep_deadlines


def act(browser, no, action, status=303, **fields):
    """Open the complaint page, then send one action form with the version it shows."""
    page = browser.page(f"/console/complaints/{no}")
    version = VERSION_RE.search(page).group(1)
    form = {"action": action, "version": version, **fields}
    return browser.post(f"/console/complaints/{no}/actions", form, status=status)


def make_late(no, now):
    """Move a complaint's accept deadline two days back (stored due_at follows)."""
    complaint = Complaint.objects.get(no=no)
    complaint.accept_due_at = now - timedelta(days=2)
    keep_deadlines(complaint)


def test_queue_counts_and_overdue_list(console_login, file_complaint, demo_queues, now):
    late = file_complaint()
    file_complaint(code="parent-code-b")
    make_late(late, now)
    page = console_login("disp", ["dispatcher"]).page("/console/")
    triage_card = page[page.index('data-queue="triage"') :].split("</a>")[0]
    assert '<span class="count open-count">2</span>' in triage_card
    assert "其中逾期 <strong>1</strong>" in triage_card
    overdue_table = page[page.index('id="list-overdue"') :]
    assert late in overdue_table


def test_handler_home_shows_only_own_queues(console_login, demo_queues):
    page = console_login("h1", ["handler"], ["training"]).page("/console/")
    assert 'data-queue="training"' in page
    assert 'data-queue="triage"' not in page


def test_list_marks_overdue_and_urgent_first_and_filters(console_login, file_complaint, now):
    calm = file_complaint()
    urgent = file_complaint(code="parent-code-b", category="safety")
    late = file_complaint(code="parent-code-c")
    make_late(late, now)
    browser = console_login("disp", ["dispatcher"])
    page = browser.page("/console/complaints")
    assert page.index(late) < page.index(urgent) < page.index(calm)
    late_row = page[page.index(late) :].split("</tr>")[0]
    assert "badge-overdue" in late_row
    assert "badge-urgent" in page[page.index(urgent) :].split("</tr>")[0]
    only_late = browser.page("/console/complaints?overdue=true")
    assert late in only_late
    assert calm not in only_late
    assert calm in browser.page(f"/console/complaints?q={calm}")
    assert "未知的状态" in browser.page("/console/complaints?status=nonsense", status=400)


def test_complaint_page_shows_photos_behind_the_same_check(console_login, file_complaint):
    no = file_complaint(photos=2)
    dispatcher = console_login("disp", ["dispatcher"])
    page = dispatcher.page(f"/console/complaints/{no}")
    photo_ids = [p.pk for p in Complaint.objects.get(no=no).photos]
    for photo_id in photo_ids:
        assert f"/console/complaints/{no}/photos/{photo_id}?size=thumb" in page
    full = dispatcher.get(f"/console/complaints/{no}/photos/{photo_ids[0]}")
    thumb = dispatcher.get(f"/console/complaints/{no}/photos/{photo_ids[0]}?size=thumb")
    assert Image.open(io.BytesIO(full.data)).size == (800, 600)
    assert Image.open(io.BytesIO(thumb.data)).size == (400, 300)
    outsider = console_login("h1", ["handler"], ["training"])
    outsider.get(f"/console/complaints/{no}", status=404)
    outsider.get(f"/console/complaints/{no}/photos/{photo_ids[0]}", status=404)


def test_life_cycle_through_the_forms(console_login, make_staff, file_complaint):
    no = file_complaint()
    handler = make_staff("h_triage", ["handler"], ["triage"])
    dispatcher = console_login("disp", ["dispatcher"])
    page = dispatcher.page(act(dispatcher, no, "accept").headers["Location"])
    assert "已完成：受理" in page
    assert "已受理" in page
    act(dispatcher, no, "assign", assignee=str(handler.id))
    act(dispatcher, no, "note", text="先电话核实")
    act(dispatcher, no, "reply", message="已派人核查")
    act(dispatcher, no, "resolve", outcome="substantiated", message="已责令整改", measures="停课")
    page = dispatcher.page(f"/console/complaints/{no}")
    timeline = page[page.index('id="timeline"') :].split("</ol>")[0]
    for step in ("已受理", "办理中", "已派人核查", "已办结"):
        assert step in timeline
    assert "先电话核实" not in timeline
    assert "先电话核实" in page
    audit = page[page.index('id="audit"') :].split("</table>")[0]
    for action in ("受理", "分派", "内部备注", "答复家长", "办结"):
        assert action in audit
    assert Complaint.objects.get(no=no).status == "resolved"


def test_a_stale_form_gets_the_conflict_message(console_login, file_complaint):
    no = file_complaint()
    first = console_login("disp1", ["dispatcher"])
    second = console_login("disp2", ["dispatcher"])
    stale = VERSION_RE.search(second.page(f"/console/complaints/{no}")).group(1)
    act(first, no, "accept")
    form = {"action": "reject", "version": stale, "reason": "重复投诉"}
    response = second.post(f"/console/complaints/{no}/actions", form, status=409)
    page = text_of(response)
    assert "该投诉已被他人更新，请刷新后再操作" in page
    assert "重复投诉" in page  # what the clerk typed is kept for a second try
    assert Complaint.objects.get(no=no).status == "accepted"


def test_form_errors_are_shown_on_the_page(console_login, file_complaint):
    no = file_complaint()
    dispatcher = console_login("disp", ["dispatcher"])
    page = text_of(act(dispatcher, no, "reject", status=400))
    assert "请填写此项" in page
    assert 'id="action-reject" open' in page
    page = text_of(act(dispatcher, no, "resolve", status=422, outcome="substantiated", message="x"))
    assert "当前状态下不能执行该操作" in page


def test_viewer_sees_no_action_forms_and_is_refused(console_login, file_complaint):
    no = file_complaint(contact_phone="13812345678")
    viewer = console_login("reader", ["viewer"])
    page = viewer.page(f"/console/complaints/{no}")
    assert 'id="no-actions"' in page
    assert "/actions" not in page
    assert "reveal-form" not in page
    assert VERSION_RE.search(page) is None  # no form, so no version field either
    form = {"action": "accept", "version": "1"}
    assert "没有权限" in text_of(viewer.post(f"/console/complaints/{no}/actions", form, status=403))
    viewer.post(f"/console/complaints/{no}/contact", status=403)
    assert Complaint.objects.get(no=no).status == "submitted"


def test_action_without_csrf_token_changes_nothing(console_login, file_complaint):
    no = file_complaint()
    dispatcher = console_login("disp", ["dispatcher"])
    dispatcher.get(f"/console/complaints/{no}")
    form = {"action": "accept", "version": "1"}
    dispatcher.post(f"/console/complaints/{no}/actions", form, csrf=False, status=400)
    form["csrf_token"] = "forged"
    dispatcher.post(f"/console/complaints/{no}/actions", form, csrf=False, status=400)
    assert Complaint.objects.get(no=no).status == "submitted"


def test_contact_reveal_is_shown_once_and_audited(console_login, file_complaint):
    no = file_complaint(contact_phone="13812345678")
    dispatcher = console_login("disp", ["dispatcher"])
    page = dispatcher.page(f"/console/complaints/{no}")
    assert "138****5678" in page
    assert "13812345678" not in page
    page = text_of(dispatcher.post(f"/console/complaints/{no}/contact", status=200))
    assert "13812345678" in page
    assert "查看联系电话" in page
    assert "13812345678" not in dispatcher.page(f"/console/complaints/{no}")
    anonymous = file_complaint(code="parent-code-b", anonymous=True)
    assert "匿名投诉" in dispatcher.page(f"/console/complaints/{anonymous}")
