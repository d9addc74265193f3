"""Stored deadlines stay what the API shows: transitions, pauses, extensions, holidays.

Lists filter and sort on the complaint's stored `due_at`; every test here compares it with
the deadline the API computes, at fixed instants on the app's clock.
"""

from datetime import UTC, datetime

import pytest

from models.complaint import Complaint, Pause
from models.parent import Parent
from server.clock import iso
from server.services.deadlines.stored import FAR_FUTURE
from server.services.deadlines.working_days import SHANGHAI
from tests.support.factories import complaint_in

BASE = "/api/staff/v1/complaints"
NOW = datetime(2026, 6, 10, 10, tzinfo=SHANGHAI)  # a Wednesday; no holiday for weeks


def sh(month, day, hour=10):
    """A Shanghai wall-clock moment in 2026."""
    return datetime(2026, month, day, hour, tzinfo=SHANGHAI)


def end_of(month, day):
    """The deadline instant of a Shanghai date in 2026."""
    return datetime(2026, month, day, 23, 59, 59, 999000, tzinfo=SHANGHAI).astimezone(UTC)


# Every test runs at NOW (conftest's `clock` sets the app there before anyone signs in).
pytestmark = pytest.mark.parametrize("now", [NOW.astimezone(UTC)])


def stored(no):
    """The complaint as stored (raw)."""
    return Complaint._get_collection().find_one({"no": no})


def assert_stored_matches(staff, no):
    """The stored due_at is the deadline the API shows (FAR_FUTURE when none runs)."""
    shown = staff.get(f"{BASE}/{no}")["due_at"]
    raw = stored(no)
    expected = None if raw["due_at"] == FAR_FUTURE else iso(raw["due_at"])
    assert shown == expected, (shown, raw["due_at"])
    return raw


def act(staff, no, action, **fields):
    """Take an action at the current version; the new detail."""
    version = staff.get(f"{BASE}/{no}")["version"]
    body = {"action": action, "version": version, **fields}
    return staff.post(f"{BASE}/{no}/actions", json=body)


def filed_now(parent):
    """A complaint the parent filed at NOW (as intake stores it; the clock is in the past
    of the wall clock, where mongomock expires the daily submission counter at once)."""
    return complaint_in("submitted", parent=parent, created_at=NOW.astimezone(UTC)).no


@pytest.fixture
def own_parent(parent, fake_wechat):
    """The signed-in parent's stored document."""
    return Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))


def test_the_stored_deadline_follows_every_step(
    parent, own_parent, login_staff, sign_in_staff, make_staff, clock
):
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    handler = make_staff("handler_triage", ["handler"], ["triage"])
    clock.set(NOW, frozen=True)
    no = filed_now(own_parent)
    raw = assert_stored_matches(dispatcher, no)
    assert raw["due_at"] == end_of(6, 11)
    assert raw["sweep_stage"] == 0

    accepted = act(dispatcher, no, "accept")
    raw = assert_stored_matches(dispatcher, no)
    assert iso(raw["due_at"]) == accepted["resolve_due_at"]
    act(dispatcher, no, "assign", assignee=str(handler.pk))
    act(dispatcher, no, "request_info", message="请补充收据")
    raw = assert_stored_matches(dispatcher, no)
    assert "sweep_stage" not in raw  # nobody is reminded while the parent is asked
    assert raw["due_refresh_at"] == sh(6, 11, 0).astimezone(UTC)  # the next midnight

    clock.set(sh(6, 15), frozen=True)  # Monday: Thu, Fri and Mon were paused working days
    dispatcher = sign_in_staff("dispatcher")  # a new working day, a new staff token
    dispatcher.get(BASE)  # a read stores the moved deadline of the paused complaint first
    raw = assert_stored_matches(dispatcher, no)
    assert raw["due_refresh_at"] == sh(6, 16, 0).astimezone(UTC)

    parent.post(f"/api/mp/v1/complaints/{no}/supplements", json={"text": "收据已补充"}, status=201)
    raw = assert_stored_matches(dispatcher, no)
    assert "due_refresh_at" not in raw
    assert raw["sweep_stage"] == 0

    extended = act(dispatcher, no, "extend", reason="需联合执法检查")
    raw = assert_stored_matches(dispatcher, no)
    assert extended["due_at"] == iso(raw["due_at"]) > accepted["resolve_due_at"]

    message = "已责令退费"
    act(dispatcher, no, "resolve", outcome="substantiated", message=message)
    raw = assert_stored_matches(dispatcher, no)
    assert raw["due_at"] == FAR_FUTURE
    assert "sweep_stage" not in raw


def test_a_dissatisfied_rating_gives_the_reopened_complaint_a_stored_deadline(
    parent, own_parent, login_staff, sign_in_staff, make_staff, clock
):
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    handler = make_staff("handler_triage", ["handler"], ["triage"])
    clock.set(NOW, frozen=True)
    no = filed_now(own_parent)
    act(dispatcher, no, "accept")
    act(dispatcher, no, "assign", assignee=str(handler.pk))
    act(dispatcher, no, "resolve", outcome="unsubstantiated", message="未发现违规")
    clock.set(sh(6, 11), frozen=True)
    dispatcher = sign_in_staff("dispatcher")  # the next day, a new staff token
    rating = {"score": "dissatisfied", "comment": "仍在收费"}
    parent.post(f"/api/mp/v1/complaints/{no}/rating", json=rating, status=201)
    raw = assert_stored_matches(dispatcher, no)
    assert raw["status"] == "reopened"
    assert raw["due_at"] > end_of(6, 30)
    listed = dispatcher.get(BASE + "?overdue=false")["items"]
    assert [item["no"] for item in listed] == [no]


def paused_complaint():
    """In progress, its base deadline yesterday (Tue), given back Tue 2 and Wed 3 June."""
    return complaint_in(
        "in_progress",
        created_at=sh(5, 20),
        accepted_at=sh(5, 20),
        resolve_due_at=end_of(6, 9),
        pauses=[Pause(start=sh(6, 1), end=sh(6, 3))],
    )


def listed(staff, query=""):
    """{no: (overdue, due_soon)} of the list as the API shows it."""
    items = staff.get(BASE + query)["items"]
    return {item["no"]: (item["overdue"], item["due_soon"]) for item in items}


def overdue_count(staff):
    """The triage queue's overdue count."""
    (triage,) = [q for q in staff.get("/api/staff/v1/queues") if q["key"] == "triage"]
    return triage["overdue"]


def test_a_holiday_an_admin_adds_or_removes_moves_stored_deadlines(admin, clock):
    clock.set(NOW, frozen=True)
    complaint = paused_complaint()
    assert stored(complaint.no)["due_at"] == end_of(6, 11)
    assert listed(admin) == {complaint.no: (False, False)}
    assert listed(admin, "?overdue=true") == {}

    admin.post("/api/staff/v1/holidays", json={"date": "2026-06-02"}, status=201)
    assert_stored_matches(admin, complaint.no)
    assert stored(complaint.no)["due_at"] == end_of(6, 10)
    assert listed(admin) == {complaint.no: (False, True)}  # due tonight

    admin.post("/api/staff/v1/holidays", json={"date": "2026-06-03"}, status=201)
    assert stored(complaint.no)["due_at"] == end_of(6, 9)
    assert listed(admin, "?overdue=true") == {complaint.no: (True, False)}
    assert listed(admin, "?overdue=false") == {}
    assert overdue_count(admin) == 1

    admin.delete("/api/staff/v1/holidays/2026-06-03", status=204)
    assert_stored_matches(admin, complaint.no)
    assert listed(admin, "?overdue=true") == {}
    assert overdue_count(admin) == 0


def test_overdue_first_then_urgent_then_due_date_across_pages(admin, clock):
    clock.set(NOW, frozen=True)

    def make(no, status, due, urgent=False):
        deadline = {"accept_due_at": due} if status == "submitted" else {"resolve_due_at": due}
        return complaint_in(status, no=no, urgent=urgent, created_at=sh(6, 1), **deadline)

    make("TS202606010001", "submitted", end_of(6, 8))  # overdue
    make("TS202606010002", "accepted", end_of(6, 9), urgent=True)  # overdue, urgent
    make("TS202606010003", "submitted", end_of(6, 12))
    make("TS202606010004", "accepted", end_of(6, 11), urgent=True)
    make("TS202606010005", "resolved", end_of(6, 1), urgent=True)  # nothing runs
    make("TS202606010006", "in_progress", end_of(6, 10))  # due tonight
    make("TS202606010007", "submitted", end_of(6, 5))  # overdue, the oldest
    expected = ["2", "7", "1", "4", "5", "6", "3"]
    pages = [admin.get(f"{BASE}?per_page=2&page={p}") for p in (1, 2, 3, 4)]
    assert [page["total"] for page in pages] == [7] * 4
    order = [item["no"][-1] for page in pages for item in page["items"]]
    assert order == expected
    overdue = admin.get(BASE + "?overdue=true&per_page=2&page=2")
    assert (overdue["total"], [i["no"][-1] for i in overdue["items"]]) == (3, ["1"])
    rest = admin.get(BASE + "?overdue=false")["items"]
    assert [item["no"][-1] for item in rest] == ["4", "5", "6", "3"]
    assert [(i["overdue"], i["due_soon"]) for i in rest] == [
        (False, False),
        (False, False),
        (False, True),
        (False, False),
    ]


def test_refresh_deadlines_stores_them_for_complaints_saved_before_they_existed(app, clock):
    clock.set(NOW, frozen=True)
    old = complaint_in("submitted", created_at=NOW.astimezone(UTC))
    Complaint._get_collection().update_one(
        {"_id": old.pk}, {"$unset": {"due_at": "", "sweep_stage": ""}}
    )
    runner = app.test_cli_runner()
    first = runner.invoke(args=["refresh-deadlines"])
    assert first.exit_code == 0, first.output
    assert "1 complaints updated" in first.output
    assert stored(old.no)["due_at"] == old.accept_due_at
    again = runner.invoke(args=["refresh-deadlines"])
    assert "0 complaints updated" in again.output
