"""Every staff action from every status, for every role: allowed moves and refusals.

The expected table below is written from the product design's life cycle, independently of
server/services/complaints/workflow.py, so a change to either shows up here.
"""

import pytest

from models.complaint import Complaint
from tests.support.factories import complaint_in

STATUSES = (
    "submitted",
    "accepted",
    "in_progress",
    "need_info",
    "resolved",
    "closed",
    "rejected",
    "merged",
    "reopened",
)
OPEN = ("submitted", "accepted", "in_progress", "need_info", "reopened")
WORKING = ("accepted", "in_progress", "need_info", "reopened")

ALLOWED = {
    "accept": {"submitted": "accepted"},
    "accept_assign": {"submitted": "in_progress"},
    "reject": {"submitted": "rejected", "accepted": "rejected"},
    "assign": {s: "in_progress" for s in ("accepted", "in_progress", "reopened")},
    "transfer": {
        "submitted": "submitted",
        "accepted": "accepted",
        "in_progress": "accepted",
        "reopened": "reopened",
    },
    "request_info": {s: "need_info" for s in ("accepted", "in_progress", "reopened")},
    "note": {s: s for s in STATUSES},
    "reply": {s: s for s in (*OPEN, "resolved")},
    "resolve": {s: "resolved" for s in ("in_progress", "need_info", "reopened")},
    "reopen": {"resolved": "reopened", "closed": "reopened"},
    "merge": {s: "merged" for s in OPEN},
    "extend": {s: s for s in WORKING},
}
HANDLER_MAY_NOT = {"reopen"}  # a supervisor's decision (dispatcher, admin)

ROLES = {
    "admin": (("admin",), ()),
    "dispatcher": (("dispatcher",), ()),
    "handler": (("handler",), ("training",)),
}


@pytest.fixture
def world(make_staff, demo_queues):
    """A complaint's queue (training), its handler, and a duplicate to merge into."""
    handler = make_staff("handler_training", ["handler"], ["training"])
    target = complaint_in("accepted", queue=demo_queues["training"], no="TS202611200001")
    return {"handler": handler, "target": target, "queue": demo_queues["training"]}


def payload(action, world):
    """A valid request body for `action`."""
    return {
        "accept": {},
        "reject": {"reason": "不属于教育部门职责范围"},
        "assign": {"assignee": str(world["handler"].pk)},
        "accept_assign": {"assignee": str(world["handler"].pk)},
        "transfer": {"queue": "sports", "reason": "体育类机构由体育局监管"},
        "request_info": {"message": "请补充缴费凭证照片"},
        "note": {"text": "已电话联系机构负责人"},
        "reply": {"message": "我们已联系机构核实情况"},
        "resolve": {"outcome": "substantiated", "message": "已责令退还超期预收费用"},
        "reopen": {"reason": "家长反映仍未退费"},
        "merge": {"into": world["target"].no},
        "extend": {"reason": "需联合执法检查"},
    }[action]


def client_for(role, login_staff, sign_in_staff):
    """The acting staff member; the handler is the complaint's queue's own handler."""
    if role == "handler":
        return sign_in_staff("handler_training")
    roles, queues = ROLES[role]
    return login_staff(role, roles, queues)


def attempt(staff, action, status, world):
    """Try `action` on a fresh complaint in `status`; a mismatch message, or None."""
    complaint = complaint_in(status, queue=world["queue"], assignee=world["handler"])
    body = {"action": action, "version": complaint.version, **payload(action, world)}
    path = f"/api/staff/v1/complaints/{complaint.no}/actions"
    expected = ALLOWED[action].get(status)
    answer = staff.post(path, json=body, status=200 if expected else 422)
    if expected is None:
        stored = Complaint.objects.get(pk=complaint.pk)
        unchanged = (stored.status, stored.version, len(stored.audit))
        if answer["code"] != "invalid_transition" or unchanged != (status, 1, 0):
            return f"{action} from {status}: {answer}, stored {unchanged}"
        return None
    last = answer["audit"][-1]
    got = (answer["status"], answer["version"], last["action"], last["from"], last["to"])
    if got != (expected, 2, action, status, expected):
        return f"{action} from {status}: got {got}"
    return None


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", list(ROLES))
def test_every_status(role, action, world, login_staff, sign_in_staff):
    """The action from each of the nine statuses: the table's move, or 422 and no change."""
    staff = client_for(role, login_staff, sign_in_staff)
    if role == "handler" and action in HANDLER_MAY_NOT:
        for status in STATUSES:
            complaint = complaint_in(status, queue=world["queue"], assignee=world["handler"])
            body = {"action": action, "version": 1, **payload(action, world)}
            path = f"/api/staff/v1/complaints/{complaint.no}/actions"
            assert staff.post(path, json=body, status=403)["code"] == "forbidden"
        return
    mismatches = [attempt(staff, action, status, world) for status in STATUSES]
    assert [m for m in mismatches if m] == []


@pytest.mark.parametrize("action", list(ALLOWED))
def test_viewer_may_read_but_not_act(action, world, login_staff):
    viewer = login_staff("viewer", ("viewer",))
    complaint = complaint_in("in_progress", queue=world["queue"], assignee=world["handler"])
    viewer.get(f"/api/staff/v1/complaints/{complaint.no}")
    body = {"action": action, "version": complaint.version, **payload(action, world)}
    answer = viewer.post(f"/api/staff/v1/complaints/{complaint.no}/actions", json=body, status=403)
    assert answer["code"] == "forbidden"


@pytest.mark.parametrize("action", list(ALLOWED))
def test_handler_outside_their_queue_gets_404(action, world, login_staff):
    outsider = login_staff("handler_sports", ("handler",), ("sports",))
    complaint = complaint_in("in_progress", queue=world["queue"], assignee=world["handler"])
    body = {"action": action, "version": complaint.version, **payload(action, world)}
    path = f"/api/staff/v1/complaints/{complaint.no}"
    assert outsider.post(path + "/actions", json=body, status=404)["code"] == "not_found"
    outsider.get(path, status=404)
    assert Complaint.objects.get(pk=complaint.pk).version == complaint.version
