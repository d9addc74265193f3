"""Hot paths read only what they show or act on: search without scans, rounds that finish.

Documents read are counted on the driver's cursors (bench.reads), never on our code.
"""

from datetime import UTC, datetime, timedelta

from bench.reads import counting_reads
from models.complaint import Complaint
from server.services.deadlines.working_days import SHANGHAI
from server.worker import run_once
from tests.support.complaint_support import make_institution
from tests.support.factories import PhotoFactory, complaint_in

BASE = "/api/staff/v1/complaints"
NOW = datetime(2026, 6, 10, 10, tzinfo=SHANGHAI).astimezone(UTC)


def nos(staff, q):
    """Tracking numbers a search term finds, sorted."""
    return sorted(item["no"] for item in staff.get(BASE, query_string={"q": q})["items"])


def test_q_finds_tracking_numbers_by_prefix_and_institutions_through_the_directory(admin):
    star = make_institution("星光培训中心")
    sun = make_institution("阳光艺术学校", kind="non_subject", category="arts")
    complaint_in("submitted", no="TS202606100001", institution=star, institution_name=None)
    complaint_in("submitted", no="TS202606100002", institution=sun, institution_name=None)
    complaint_in("submitted", no="TS202606110001", institution_name="无名补习班")
    assert nos(admin, "TS202606100002") == ["TS202606100002"]
    assert nos(admin, "ts20260610") == ["TS202606100001", "TS202606100002"]
    assert nos(admin, "TS2026") == []  # shorter than a day's prefix: not a tracking number
    assert nos(admin, "星光") == ["TS202606100001"]
    assert nos(admin, "艺术") == ["TS202606100002"]
    assert nos(admin, "无名补习班") == ["TS202606110001"]
    assert nos(admin, "补习") == []  # free text is matched exactly, never scanned
    assert nos(admin, "0610") == []  # no unanchored match inside a tracking number
    renamed = {"name": "星辰培训中心"}
    admin.patch(f"/api/staff/v1/institutions/{star.pk}", json=renamed)
    assert nos(admin, "星辰") == ["TS202606100001"]
    assert nos(admin, "星光") == []


def worker_setup():
    """One of each kind of worker job, all due at NOW."""
    complaint_in("accepted", resolve_due_at=NOW + timedelta(hours=3))  # a reminder
    complaint_in("submitted", accept_due_at=NOW - timedelta(hours=1))  # an overdue flag
    complaint_in("resolved", resolved_at=NOW - timedelta(days=8))  # archived after 7 days
    target = complaint_in("resolved", resolved_at=NOW - timedelta(hours=1), merges_waiting=True)
    merged = complaint_in("merged", merged_into=target.no)
    old = NOW - timedelta(days=400)
    photo = PhotoFactory()
    closed = complaint_in("closed", closed_at=old, photos=[photo])  # retention is due
    return merged, closed


def test_worker_rounds_mark_their_work_done_and_then_read_nothing(app):
    merged, closed = worker_setup()
    with counting_reads() as reads:
        first = run_once(app, now=NOW, retention=True)
    assert 0 < reads.of("complaints") <= 20  # what it acted on, read once or twice
    assert first["sweep"] == {"remind": 1, "overdue": 1, "closed": 1, "merged_outcomes": 1}
    assert first["retention"] == {"anonymised": 1, "photos_deleted": 1}
    second = run_once(app, now=NOW + timedelta(seconds=5), retention=True)
    assert sum(second["outbox"].values()) == 1  # the merged one's message, written by round 1
    assert second["sweep"] == {"remind": 0, "overdue": 0, "closed": 0, "merged_outcomes": 0}
    assert second["retention"] == {"anonymised": 0, "photos_deleted": 0}
    with counting_reads() as reads:
        third = run_once(app, now=NOW + timedelta(seconds=10), retention=True)
    assert third["outbox"] == {}
    assert not any(third["sweep"].values())
    assert reads.of("complaints") == 0, reads.counts
    assert reads.of("photos") == 0, reads.counts
    assert Complaint.objects.get(pk=merged.pk).outcome == "substantiated"
    stored = Complaint._get_collection().find_one({"_id": closed.pk})
    assert stored["anonymised_at"] is not None
    assert "purge_pending" not in stored


def test_a_round_with_nothing_due_reads_no_complaint_it_will_not_act_on(app):
    complaint_in("accepted", resolve_due_at=NOW + timedelta(days=5))  # not yet
    complaint_in("resolved", resolved_at=NOW - timedelta(days=1))  # rating window open
    complaint_in("closed", closed_at=NOW - timedelta(days=30))  # kept a year
    complaint_in("merged", merged_into=complaint_in("in_progress").no)  # target still open
    with counting_reads() as reads:
        result = run_once(app, now=NOW, retention=True)
    assert not any(result["sweep"].values())
    assert result["outbox"] == {}
    assert reads.of("complaints") == 0, reads.counts


def test_extending_a_reminded_deadline_owes_a_new_reminder(app, admin):
    complaint = complaint_in("accepted", resolve_due_at=NOW + timedelta(hours=3))
    assert run_once(app, now=NOW)["sweep"]["remind"] == 1
    assert run_once(app, now=NOW)["sweep"]["remind"] == 0
    body = {"action": "extend", "version": complaint.version, "reason": "需联合执法检查"}
    admin.post(f"{BASE}/{complaint.no}/actions", json=body)
    due = Complaint.objects.get(pk=complaint.pk).resolve_due_at
    assert run_once(app, now=due - timedelta(hours=2))["sweep"]["remind"] == 1
    assert run_once(app, now=due + timedelta(minutes=1))["sweep"]["overdue"] == 1
    assert run_once(app, now=due + timedelta(minutes=2))["sweep"]["overdue"] == 0
