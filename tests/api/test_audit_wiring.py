"""What staff do across the service lands in the security audit: exports and downloads,
imports, archive, routing, holiday, notice and rectification changes, phone reveals and
each complaint action (a reference to the complaint's own trail), with no personal data."""

import pytest

from models.complaint import Complaint
from tests.support.factories import ComplaintFactory

AUDIT = "/api/staff/v1/audit"


@pytest.fixture
def auditor(login_staff):
    """A signed-in auditor."""
    return login_staff("auditor", ("auditor",))


def last(auditor, **filters):
    """The newest entry matching `filters`."""
    return auditor.get(AUDIT, query_string=filters)["items"][0]


def test_settings_exports_and_imports_are_audited(admin, login_staff, auditor):
    admin.get("/api/staff/v1/institutions/export", query_string={"format": "csv"})
    entry = last(auditor, action="exported")
    assert (entry["target"], entry["details"]["format"]) == ("archive", "csv")
    assert entry["actor"]["username"] == "admin"
    created = admin.post(
        "/api/staff/v1/institutions", json={"name": "甲培训", "kind": "subject"}, status=201
    )
    admin.post(
        f"/api/staff/v1/institutions/{created['id']}/status",
        json={"status": "blacklist", "reason": "无证办学"},
    )
    entry = last(auditor, action="institution_changed")
    assert entry["target"] == f"institution:{created['id']}"
    assert entry["details"] == {"status": 200}
    rules = admin.get("/api/staff/v1/routing-rules")
    admin.put("/api/staff/v1/routing-rules", json={"items": rules["items"]})
    assert last(auditor, action="routing_changed")["outcome"] == "success"
    admin.post("/api/staff/v1/holidays", json={"date": "2027-01-01", "kind": "holiday"}, status=201)
    assert last(auditor, action="holiday_changed")["details"]["kind"] == "holiday"
    admin.post("/api/staff/v1/notices", json={"title": "公告", "body": "正文"}, status=201)
    assert last(auditor, action="notice_changed")["target"] == "notices"
    viewer = login_staff("viewer", ["viewer"])
    viewer.get("/api/staff/v1/ledger/export", query_string={"format": "csv"})
    assert last(auditor, action="exported", actor="viewer")["target"] == "ledger"


def test_a_refused_request_is_audited_as_denied(login_staff, auditor):
    handler = login_staff("handler", ["handler"])
    handler.get("/api/staff/v1/ledger/export", status=403)
    entry = last(auditor, actor="handler", action="exported")
    assert (entry["outcome"], entry["details"]["status"]) == ("denied", 403)


def test_a_phone_reveal_and_a_complaint_action_are_audited_without_the_phone(login_staff, auditor):
    complaint = ComplaintFactory()
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    dispatcher.post(f"/api/staff/v1/complaints/{complaint.no}/contact")
    reveal = last(auditor, action="contact_revealed")
    assert reveal["target"] == f"complaint:{complaint.no}"
    version = Complaint.objects.get(pk=complaint.pk).version
    dispatcher.post(
        f"/api/staff/v1/complaints/{complaint.no}/actions",
        json={"action": "note", "text": "电话 13812345678 已联系", "version": version},
    )
    step = last(auditor, action="complaint_action")
    assert step["target"] == f"complaint:{complaint.no}"
    assert step["details"] == {"action": "note", "status": 200}
    everything = str(auditor.get(AUDIT, query_string={"per_page": 100}))
    assert "13812345678" not in everything
    trail = dispatcher.get(f"/api/staff/v1/complaints/{complaint.no}")["audit"]
    assert [e["action"] for e in trail][-1] == "note"  # the step itself: in the complaint's trail
