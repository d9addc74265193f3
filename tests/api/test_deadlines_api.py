"""Deadlines through the API: National Day, the turn of 2026 into 2027, need_info pauses.

The module runs at several hours of one day; the rules that count from today's Shanghai
date run at the edge instants too.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from models.complaint import Complaint, Pause
from models.holiday import Holiday
from models.parent import Parent
from server.services.deadlines.working_days import SHANGHAI
from tests.support.complaint_support import body_for, submit
from tests.support.factories import complaint_in
from tests.support.instants import at_edges, end_of_local_day, local_date

BASE = "/api/staff/v1/complaints"
pytestmark = pytest.mark.hours_of_the_day


def end_of(y, m, d):
    """The deadline instant of a Shanghai date."""
    return datetime(y, m, d, 23, 59, 59, 999000, tzinfo=SHANGHAI).astimezone(UTC)


def sh(y, m, d, hour=10):
    """A Shanghai wall-clock moment."""
    return datetime(y, m, d, hour, tzinfo=SHANGHAI).astimezone(UTC)


def extend(staff, complaint):
    """Extend through the API; the new detail."""
    body = {"action": "extend", "version": complaint.version, "reason": "需联合执法检查"}
    return staff.post(f"{BASE}/{complaint.no}/actions", json=body)


def test_extending_across_national_day_skips_the_holiday_and_counts_the_makeup_saturday(admin):
    complaint = complaint_in("accepted", resolve_due_at=end_of(2026, 9, 30))
    body = extend(admin, complaint)
    # Oct 1-7 off; Oct 8, 9, Sat 10 (make-up), 12-16, 19-23, 26, 27: the 15th is Oct 27.
    assert body["resolve_due_at"] == "2026-10-27T23:59:59+08:00"
    assert body["due_at"] == body["resolve_due_at"]
    assert body["timeline"][-1]["message"] == "办理期限延长至 2026年10月27日"


def test_extending_into_2027_respects_the_holiday_an_admin_added(admin):
    before = complaint_in("accepted", resolve_due_at=end_of(2026, 12, 24))
    assert extend(admin, before)["resolve_due_at"] == "2027-01-14T23:59:59+08:00"
    added = admin.post(
        "/api/staff/v1/holidays", json={"date": "2027-01-01", "name": "元旦"}, status=201
    )
    assert added == {
        "date": "2027-01-01",
        "kind": "holiday",
        "kind_label": "休息日",
        "name": "元旦",
    }
    after = complaint_in("accepted", resolve_due_at=end_of(2026, 12, 24))
    assert extend(admin, after)["resolve_due_at"] == "2027-01-15T23:59:59+08:00"


def test_an_added_holiday_moves_the_shown_deadline_of_a_paused_complaint(admin):
    paused = [Pause(start=sh(2026, 12, 30), end=sh(2027, 1, 4))]
    complaint = complaint_in("in_progress", pauses=paused, resolve_due_at=end_of(2027, 1, 8))
    assert admin.get(f"{BASE}/{complaint.no}")["due_at"] == "2027-01-13T23:59:59+08:00"
    admin.post("/api/staff/v1/holidays", json={"date": "2027-01-01"}, status=201)
    assert admin.get(f"{BASE}/{complaint.no}")["due_at"] == "2027-01-12T23:59:59+08:00"


def test_a_closed_pause_over_national_day_adds_only_its_working_days(admin):
    paused = [Pause(start=sh(2026, 9, 30), end=sh(2026, 10, 9))]
    complaint = complaint_in("in_progress", pauses=paused, resolve_due_at=end_of(2026, 10, 20))
    body = admin.get(f"{BASE}/{complaint.no}")
    assert (body["resolve_due_at"], body["due_at"]) == (
        "2026-10-20T23:59:59+08:00",
        "2026-10-22T23:59:59+08:00",  # Oct 8 and 9 were paused working days
    )


@at_edges
def test_the_clock_stands_still_in_need_info_until_the_parent_answers(
    admin, login_parent, fake_wechat, now
):
    parent_client = login_parent("parent-code-a")
    parent = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))
    complaint = complaint_in(
        "need_info",
        parent=parent,
        pauses=[Pause(start=now - timedelta(days=20))],  # without the pause: 5 days overdue
        resolve_due_at=end_of_local_day(now, days=-5),
    )
    waiting = admin.get(f"{BASE}/{complaint.no}")
    assert waiting["overdue"] is False
    assert waiting["paused"] is True
    assert waiting["due_at"] > now.astimezone(SHANGHAI).isoformat()
    overdue_list = admin.get(BASE + "?overdue=true")["items"]
    assert complaint.no not in [item["no"] for item in overdue_list]
    parent_client.post(
        f"/api/mp/v1/complaints/{complaint.no}/supplements", json={"text": "收据已补充"}, status=201
    )
    resumed = admin.get(f"{BASE}/{complaint.no}")
    assert resumed["status"] == "in_progress"
    assert resumed["overdue"] is False
    assert resumed["due_at"][:10] > local_date(now)  # every paused working day was given back
    assert Complaint.objects.get(pk=complaint.pk).pauses[0].end is not None


@at_edges
def test_asking_and_answering_the_same_day_costs_no_time(admin, login_parent, fake_wechat):
    parent_client = login_parent("parent-code-a")
    parent = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))
    complaint = complaint_in("in_progress", parent=parent)
    before = admin.get(f"{BASE}/{complaint.no}")["due_at"]
    body = {"action": "request_info", "version": 1, "message": "请补充缴费凭证"}
    asked = admin.post(f"{BASE}/{complaint.no}/actions", json=body)
    assert asked["status"] == "need_info"
    assert asked["paused"] is True
    parent_client.post(
        f"/api/mp/v1/complaints/{complaint.no}/supplements", json={"text": "凭证如下"}, status=201
    )
    assert admin.get(f"{BASE}/{complaint.no}")["due_at"] == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"date": "2027-02-30"}, {"date"}),
        ({"date": "next friday"}, {"date"}),
        ({"date": "2027-01-01", "kind": "party"}, {"kind"}),
        ({"date": "2027-01-01", "name": "长" * 61}, {"name"}),
    ],
)
def test_holiday_input_is_checked(body, errors, admin):
    assert set(admin.post("/api/staff/v1/holidays", json=body, status=400)["errors"]) == errors


def test_only_admins_change_holidays(admin, login_staff):
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    dispatcher.post("/api/staff/v1/holidays", json={"date": "2027-01-01"}, status=403)
    admin.post("/api/staff/v1/holidays", json={"date": "2027-02-06", "kind": "workday"}, status=201)
    assert [d["date"] for d in dispatcher.get("/api/staff/v1/holidays")] == ["2027-02-06"]
    dispatcher.delete("/api/staff/v1/holidays/2027-02-06", status=403)
    admin.delete("/api/staff/v1/holidays/2027-02-06", status=204)
    admin.delete("/api/staff/v1/holidays/2027-02-06", status=404)


def test_the_cli_adds_a_holiday(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["add-holiday", "2027-01-01", "--name", "元旦"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2027-01-01 holiday 元旦"
    result = runner.invoke(args=["add-holiday", "2027-02-06", "--workday"])
    assert Holiday.objects.get(day="2027-02-06").kind == "workday"
    assert runner.invoke(args=["add-holiday", "someday"]).exit_code != 0
    assert date.fromisoformat(Holiday.objects.get(day="2027-01-01").day).year == 2027


@at_edges
def test_a_new_complaint_gets_deadlines_that_respect_admin_holidays(admin, parent, now):
    today = now.astimezone(SHANGHAI).date()
    for offset in range(1, 8):  # a local week off, starting tomorrow
        day = (today + timedelta(days=offset)).isoformat()
        admin.post("/api/staff/v1/holidays", json={"date": day, "name": "本地假期"}, status=201)
    no = submit(parent, body_for())["no"]
    body = admin.get(f"{BASE}/{no}")
    accept_day = date.fromisoformat(body["accept_due_at"][:10])
    assert accept_day > today + timedelta(days=7)
    assert body["due_at"] == body["accept_due_at"]
    assert body["overdue"] is False
