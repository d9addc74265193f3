"""The worker's sweeps: one reminder and one overdue flag per deadline, archiving, merges.

Every test runs at several hours of one day, and the deadline rules at the edge instants:
a stored deadline is the end of a Shanghai day, so how far away it is depends on the hour.
"""

from datetime import timedelta

import pytest

from models.complaint import Complaint
from server.worker import run_once
from tests.support.factories import complaint_in
from tests.support.instants import at_edges, end_of_local_day

pytestmark = pytest.mark.hours_of_the_day


def actions(complaint):
    """(by, action) of each audit entry, as stored."""
    return [(a.by, a.action) for a in Complaint.objects.get(pk=complaint.pk).audit]


@at_edges
def test_one_reminder_before_the_deadline_to_the_queue_and_assignee(
    app, make_staff, demo_queues, admin, now
):
    handler = make_staff("handler_training", ["handler"], ["training"])
    due = end_of_local_day(now)  # due tonight: at most 24 hours away at any hour
    soon = complaint_in(
        "in_progress", queue=demo_queues["training"], assignee=handler, resolve_due_at=due
    )
    later = complaint_in("accepted", resolve_due_at=end_of_local_day(now, days=1))
    run_once(app)
    run_once(app)
    assert actions(soon) == [("system", "remind")]
    assert actions(later) == []
    entry = Complaint.objects.get(pk=soon.pk).audit[0]
    assert entry.detail["queue"] == "training"
    assert entry.detail["assignee"] == "handler_training"
    assert entry.detail["deadline"] == "resolve"
    listed = admin.get("/api/staff/v1/complaints")["items"]
    assert [(i["no"], i["due_soon"]) for i in listed] == [(soon.no, True), (later.no, False)]
    # The sweep leaves the version alone: a staff member's open view is still current.
    assert Complaint.objects.get(pk=soon.pk).version == 1
    body = {"action": "note", "version": 1, "text": "已提醒"}
    admin.post(f"/api/staff/v1/complaints/{soon.no}/actions", json=body)


@at_edges
def test_one_overdue_flag_once_the_deadline_passed(app, now):
    late = complaint_in("submitted", accept_due_at=end_of_local_day(now, days=-1))
    run_once(app)
    run_once(app, now=now + timedelta(hours=1))
    assert actions(late) == [("system", "overdue")]
    assert Complaint.objects.get(pk=late.pk).audit[0].detail["deadline"] == "accept"


def test_a_complaint_waiting_for_the_parent_is_not_swept(app, now):
    waiting = complaint_in("need_info", resolve_due_at=end_of_local_day(now, days=-1))
    run_once(app)
    assert actions(waiting) == []


@at_edges
def test_resolved_complaints_are_archived_after_the_rating_window(app, now):
    old = complaint_in("resolved", resolved_at=now - timedelta(days=7, minutes=1))
    fresh = complaint_in("resolved", resolved_at=now - timedelta(days=6, hours=23))
    run_once(app)
    stored = Complaint.objects.get(pk=old.pk)
    assert (stored.status, stored.version, stored.outbox) == ("closed", 2, [])
    assert stored.timeline[-1].status == "closed"
    assert actions(old) == [("system", "close")]
    assert Complaint.objects.get(pk=fresh.pk).status == "resolved"


def test_an_outcome_that_never_reached_a_merged_complaint_is_passed_on(app):
    # The resolution flagged the target (it has merges), then the process died.
    target = complaint_in(
        "resolved", outcome="unsubstantiated", measures="已核实无违规", merges_waiting=True
    )
    merged = complaint_in("merged", merged_into=target.no)
    run_once(app)
    run_once(app)
    stored = Complaint.objects.get(pk=merged.pk)
    assert stored.outcome == "unsubstantiated"
    assert [t.message for t in stored.timeline] == [
        f"合并办理的投诉 {target.no} 已办结：不属实。"  # the measures are not for parents
    ]
    assert len(stored.outbox) == 1
