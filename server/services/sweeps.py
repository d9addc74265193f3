"""The worker's sweeps: deadline reminders, overdue flags, archiving, merged outcomes.

Reminders and overdue flags are records, not state: an audit entry by `system` on the
complaint (action `remind` before the deadline, `overdue` after it), naming the queue and
the assignee, written once per deadline (the markers `reminded_due_at` and
`overdue_flagged_due_at` hold the deadline already recorded). Staff see them in the audit
trail, and the list's computed `due_soon` / `overdue` flags say the same at read time;
overdue is never read back from these markers. These writes are conditional on the
version read (so they never describe a state that just changed) but do not bump it, so a
sweep never turns a staff member's view stale.
"""

from datetime import timedelta

from models.complaint import Complaint
from server.errors import AppError
from server.services import merging
from server.services.changes import Change, apply_update, commit
from server.services.clock import as_utc, iso
from server.services.sla import clock_of

CLOCK_FIELDS = ("status", "accept_due_at", "resolve_due_at", "pauses", "reopened_at")
MARKERS = ("reminded_due_at", "overdue_flagged_due_at")
# need_info waits for the parent: its deadline moves every day, so nobody is reminded.
SWEPT_STATUSES = ("submitted", "accepted", "in_progress", "reopened")


def _record(complaint, *, action, marker, due, now):
    """One reminder or overdue record, unless the complaint changed since it was read."""
    queue = complaint.queue
    assignee = complaint.assignee
    change = Change(now=now)
    change.set[marker] = due
    detail = {
        "due_at": iso(due),
        "deadline": "accept" if complaint.status == "submitted" else "resolve",
        "queue": queue.key if queue else None,
        "assignee": assignee.username if assignee else None,
    }
    change.audit(by="system", action=action, from_status=complaint.status, detail=detail)
    query = {"_id": complaint.pk, "version": complaint.version}
    return apply_update(Complaint._get_collection(), query, change.update_document()) == 1


def sweep_deadlines(*, now, calendar, rules):
    """Remind before each running deadline and flag it once passed; returns the counts."""
    counts = {"remind": 0, "overdue": 0}
    fields = ("no", "version", "queue", "assignee", *CLOCK_FIELDS, *MARKERS)
    for complaint in Complaint.objects(status__in=SWEPT_STATUSES).only(*fields):
        clock = clock_of(complaint, calendar=calendar, now=now, rules=rules)
        if clock.due_at is None:
            continue
        if clock.overdue and as_utc(complaint.overdue_flagged_due_at) != clock.due_at:
            marker, action = "overdue_flagged_due_at", "overdue"
        elif clock.due_soon and as_utc(complaint.reminded_due_at) != clock.due_at:
            marker, action = "reminded_due_at", "remind"
        else:
            continue
        if _record(complaint, action=action, marker=marker, due=clock.due_at, now=now):
            counts[action] += 1
    return counts


def close_after_rating_window(*, now, rules):
    """Archive resolved complaints the parent did not rate within the window."""
    closed = 0
    cutoff = now - timedelta(days=rules.rating_window_days)
    for complaint in Complaint.objects(status="resolved", resolved_at__lt=cutoff):
        change = Change(now=now)
        change.set.update(status="closed", closed_at=now)
        change.audit(
            by="system",
            action="close",
            from_status="resolved",
            to_status="closed",
            detail={"reason": "rating_window_passed"},
        )
        change.timeline(status="closed", message="评价期已过，投诉已归档。")
        try:
            commit(complaint, change)
        except AppError:
            continue  # a staff step or the rating came first; the next sweep looks again
        closed += 1
    return closed


def sweep(*, now, calendar, rules):
    """Every sweep once; returns what each did."""
    result = sweep_deadlines(now=now, calendar=calendar, rules=rules)
    result["closed"] = close_after_rating_window(now=now, rules=rules)
    result["merged_outcomes"] = merging.pass_on_pending_outcomes(now=now)
    return result
