"""Early warning: rules met by new complaints raise one warning per institution and rule."""

from datetime import timedelta

import pytest

from models.audit import AuditEntry as SecurityAudit
from tests.support.complaint_support import body_for, make_institution, submit

STAFF = "/api/staff/v1"


def file(login_parent, institution, user, **overrides):
    """A parent files a complaint through the mini-program API; its tracking number."""
    return submit(login_parent(user), body_for(institution, **overrides))["no"]


def test_the_third_fees_complaint_in_14_days_raises_one_warning_and_the_fourth_adds_to_it(
    login_parent, admin, sign_in_staff, clock
):
    school = make_institution("启航教育", status="whitelist")
    numbers = []
    for user in ("p1", "p2"):
        numbers.append(file(login_parent, school, user))
        clock.advance(timedelta(days=4))
    assert sign_in_staff("admin").get(f"{STAFF}/warnings")["items"] == []
    numbers.append(file(login_parent, school, "p3"))
    (warning,) = sign_in_staff("admin").get(f"{STAFF}/warnings")["items"]
    assert (warning["rule"], warning["status"]) == ("fees_14d", "open")
    assert warning["institution"]["id"] == str(school.pk)
    assert warning["evidence"] == numbers
    clock.advance(timedelta(days=2))
    numbers.append(file(login_parent, school, "p4"))
    (warning,) = sign_in_staff("admin").get(f"{STAFF}/warnings")["items"]
    assert warning["evidence"] == numbers


def test_fees_complaints_spread_over_more_than_14_days_raise_nothing(
    login_parent, admin, sign_in_staff, clock
):
    school = make_institution("启航教育")
    for user in ("p1", "p2", "p3"):
        file(login_parent, school, user)
        clock.advance(timedelta(days=8))
    assert sign_in_staff("admin").get(f"{STAFF}/warnings")["total"] == 0


@pytest.mark.parametrize("status", ["blacklist", "suspended", "revoked"])
def test_a_complaint_about_a_listed_bad_institution_raises_its_warning(login_parent, admin, status):
    closed = make_institution("无证托管班", status=status)
    no = file(login_parent, closed, "p1", category="off_hours")
    (warning,) = admin.get(f"{STAFF}/warnings", query_string={"status": "open"})["items"]
    assert (warning["rule"], warning["evidence"]) == ("listed_status", [no])
    assert warning["institution"]["status"] == status


def test_acknowledge_then_close_with_a_note_then_a_new_warning_opens(login_parent, admin):
    closed = make_institution("无证托管班", status="blacklist")
    file(login_parent, closed, "p1")
    (warning,) = admin.get(f"{STAFF}/warnings")["items"]
    path = f"{STAFF}/warnings/{warning['id']}"
    admin.post(f"{path}/acknowledge", json={"note": "x"}, status=400)
    seen = admin.post(f"{path}/acknowledge", json={"note": "已安排执法队核查"})
    assert seen["status"] == "acknowledged"
    done = admin.post(f"{path}/close", json={"note": "已责令停业，家长退费完成"})
    assert [h["action"] for h in done["history"]] == ["open", "acknowledge", "close"]
    admin.post(f"{path}/close", json={"note": "再关一次"}, status=422)
    second = file(login_parent, closed, "p2")
    items = admin.get(f"{STAFF}/warnings")["items"]
    assert [(w["status"], w["evidence"]) for w in items] == [
        ("open", [second]),
        ("closed", done["evidence"]),
    ]
    actions = ["warning_acknowledged", "warning_closed"]
    recorded = SecurityAudit.objects(action__in=actions).order_by("seq")
    assert [(e.action, e.target) for e in recorded] == [
        ("warning_acknowledged", f"warning:{warning['id']}"),
        ("warning_closed", f"warning:{warning['id']}"),
    ]


def test_handlers_see_their_queues_warnings_and_viewers_do_not_act(
    login_parent, admin, login_staff
):
    closed = make_institution("无证托管班", status="blacklist")
    file(login_parent, closed, "p1")
    (warning,) = admin.get(f"{STAFF}/warnings")["items"]
    queue = warning["queue"]["key"]
    own = login_staff("handler_own", ("handler",), (queue,))
    other_key = "sports" if queue != "sports" else "arts"
    other = login_staff("handler_other", ("handler",), (other_key,))
    assert own.get(f"{STAFF}/warnings")["total"] == 1
    assert other.get(f"{STAFF}/warnings")["total"] == 0
    other.post(f"{STAFF}/warnings/{warning['id']}/close", json={"note": "越权关闭"}, status=404)
    viewer = login_staff("viewer", ("viewer",))
    viewer.post(f"{STAFF}/warnings/{warning['id']}/close", json={"note": "只读账号"}, status=403)


def test_statistics_count_warnings(login_parent, admin, now):
    file(login_parent, make_institution("甲", status="blacklist"), "p1")
    stats = admin.get(f"{STAFF}/stats")
    assert stats["warnings"] == {"opened": 1, "open": 1, "acknowledged": 0, "closed": 0}
