"""What the parent's detail says they may do now, and the answers when they try anyway."""

from datetime import timedelta

import pytest

from models.parent import Parent
from server.clock import as_utc, parse_iso
from tests.support.complaint_support import COMPLAINTS, body_for, submit
from tests.support.factories import complaint_in

OPEN = ["submitted", "accepted", "in_progress", "need_info", "reopened"]
FINISHED = ["resolved", "closed", "rejected", "merged"]


@pytest.fixture
def own(parent, fake_wechat):
    """Make a complaint of the signed-in parent in a given status; returns its detail."""
    me = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))

    def make(status, **fields):
        complaint = complaint_in(status, parent=me, **fields)
        return parent.get(f"{COMPLAINTS}/{complaint.no}")

    return make


@pytest.mark.parametrize("status", OPEN + FINISHED)
def test_can_supplement_and_can_rate_match_what_the_server_accepts(status, parent, own):
    detail = own(status)
    no = detail["no"]
    supplement = parent.post(
        f"{COMPLAINTS}/{no}/supplements",
        json={"text": "补充：又收到催费通知"},
        status=201 if detail["can_supplement"] else 422,
    )
    assert detail["can_supplement"] is (status in OPEN)
    if not detail["can_supplement"]:
        assert supplement["code"] == "invalid_transition"
    detail = parent.get(f"{COMPLAINTS}/{no}")
    parent.post(
        f"{COMPLAINTS}/{no}/rating",
        json={"score": "satisfied"},
        status=201 if detail["can_rate"] else 422,
    )
    assert detail["can_rate"] is (status == "resolved")


def test_a_resolved_complaint_tells_until_when_dissatisfaction_reopens_it(parent, own):
    detail = own("resolved")
    resolved_step = parse_iso(detail["created_at"])  # the factory resolves at creation
    assert parse_iso(detail["rate_until"]) - resolved_step == timedelta(days=7)
    assert detail["rating"] is None
    assert detail["due_at"] is None
    assert detail["due_kind"] is None
    for status in ("submitted", "in_progress", "closed"):
        assert own(status)["rate_until"] is None


def test_rating_twice_is_409_already_rated_and_changes_nothing(parent, own):
    no = own("resolved")["no"]
    first = parent.post(
        f"{COMPLAINTS}/{no}/rating",
        json={"score": "basically_satisfied", "comment": "还行"},
        status=201,
    )
    assert first["rating"]["score"] == "basically_satisfied"
    assert first["rating"]["label"] == "基本满意"
    assert first["rating"]["comment"] == "还行"
    assert first["can_rate"] is False
    assert first["status"] == "closed"
    again = parent.post(f"{COMPLAINTS}/{no}/rating", json={"score": "dissatisfied"}, status=409)
    assert again["code"] == "already_rated"
    assert "已评价" in again["message"]
    after = parent.get(f"{COMPLAINTS}/{no}")
    assert after["rating"] == first["rating"]
    assert after["status"] == "closed"


def test_a_dissatisfied_rating_reopens_and_a_second_one_is_already_rated(parent, own):
    no = own("resolved")["no"]
    reopened = parent.post(f"{COMPLAINTS}/{no}/rating", json={"score": "dissatisfied"}, status=201)
    assert reopened["status"] == "reopened"
    assert reopened["can_supplement"] is True
    assert reopened["rating"]["score"] == "dissatisfied"
    assert reopened["due_kind"] == "resolve"
    again = parent.post(f"{COMPLAINTS}/{no}/rating", json={"score": "satisfied"}, status=409)
    assert again["code"] == "already_rated"


def test_closed_without_a_rating_says_the_window_passed(parent, own):
    no = own("closed")["no"]
    answer = parent.post(f"{COMPLAINTS}/{no}/rating", json={"score": "satisfied"}, status=422)
    assert answer["code"] == "invalid_transition"
    assert "评价期限已过" in answer["message"]


def test_due_at_is_the_deadline_staff_work_to(parent, admin):
    no = submit(parent, body_for(None))["no"]
    detail = parent.get(f"{COMPLAINTS}/{no}")
    staff = admin.get(f"/api/staff/v1/complaints/{no}")
    assert detail["due_kind"] == "accept"
    assert detail["due_at"] == staff["due_at"]
    assert as_utc(parse_iso(detail["due_at"])) > parse_iso(detail["created_at"])
    admin.post(
        f"/api/staff/v1/complaints/{no}/actions",
        json={"action": "accept", "version": staff["version"]},
    )
    accepted = parent.get(f"{COMPLAINTS}/{no}")
    staff = admin.get(f"/api/staff/v1/complaints/{no}")
    assert accepted["due_kind"] == "resolve"
    assert accepted["due_at"] == staff["due_at"]
    assert parse_iso(accepted["due_at"]) > parse_iso(detail["due_at"])
    assert accepted["timeline"][-1]["status"] == "accepted"
