"""A merged complaint's parent reads only the words meant for parents: the outcome's label
and the public reply, never the target's internal measures or notes."""

import json

from models.complaint import AuditEntry, Complaint, TimelineEntry
from server.worker import run_once
from tests.support.complaint_support import body_for, make_institution, submit
from tests.support.factories import complaint_in

STAFF = "/api/staff/v1/complaints"
MEASURES = "内部：约谈负责人王某，举报人另一位家长 13900001111 提供了线索"
NOTE = "内部备注：涉事老师李某"
REPLY = "经核查属实，已责令机构退还预收费用。"


def act(staff, no, action, **fields):
    """One staff action at the complaint's current version."""
    version = staff.get(f"{STAFF}/{no}")["version"]
    return staff.post(
        f"{STAFF}/{no}/actions", json={"action": action, "version": version, **fields}
    )


def test_the_merged_parent_hears_the_outcome_and_the_reply_only(
    app, login_parent, admin, make_staff, fake_wechat
):
    first, second = login_parent("parent-a"), login_parent("parent-b")
    institution = make_institution()
    target = submit(first, body_for(institution))["no"]
    duplicate = submit(second, body_for(institution, description="同一家机构预收一年学费。"))["no"]
    second.post(
        "/api/mp/v1/subscriptions", json={"template_ids": ["demo-status-template"]}, status=204
    )
    queue = admin.get(f"{STAFF}/{target}")["queue"]["key"]
    handler = make_staff("handler_x", ["handler"], [queue])
    act(admin, target, "accept_assign", assignee=str(handler.id))
    act(admin, duplicate, "merge", into=target)
    act(admin, target, "note", text=NOTE)
    act(admin, target, "resolve", outcome="substantiated", message=REPLY, measures=MEASURES)
    run_once(app)
    seen = second.get(f"/api/mp/v1/complaints/{duplicate}")
    assert seen["timeline"][-1]["message"] == f"合并办理的投诉 {target} 已办结：属实。{REPLY}"
    copy = json.dumps(second.get("/api/mp/v1/me/data"), ensure_ascii=False)
    sent = json.dumps(fake_wechat.sent_messages, ensure_ascii=False)
    for words in (MEASURES, "约谈负责人", "13900001111", NOTE, "李某"):
        assert words not in json.dumps(seen, ensure_ascii=False)
        assert words not in copy
        assert words not in sent
    assert any(duplicate in json.dumps(m, ensure_ascii=False) for m in fake_wechat.sent_messages)
    assert admin.get(f"{STAFF}/{duplicate}")["measures"] == MEASURES  # staff still see them
    own = first.get(f"/api/mp/v1/complaints/{target}")
    assert MEASURES not in json.dumps(own, ensure_ascii=False)


def test_migrate_store_rewrites_texts_that_carried_measures(app, admin):
    target = complaint_in("resolved", outcome="substantiated", measures=MEASURES)
    target.audit = [AuditEntry(at=target.created_at, action="resolve", detail={"message": REPLY})]
    target.save()
    old_text = f"合并办理的投诉 {target.no} 已办结：属实。{MEASURES}"
    merged = complaint_in("merged", merged_into=target.no)
    merged.timeline = [TimelineEntry(at=merged.created_at, status="merged", message=old_text)]
    merged.save()
    result = app.test_cli_runner().invoke(args=["migrate-store"])
    assert "merged outcomes without measures: 1 documents changed" in result.output
    stored = Complaint.objects.get(pk=merged.pk).timeline[-1].message
    assert stored == f"合并办理的投诉 {target.no} 已办结：属实。{REPLY}"
