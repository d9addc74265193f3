"""The worker's sweeps: deadline reminders, overdue flags, archiving, merged outcomes.

Reminders and overdue flags are records, not state: an audit entry by `system` on the
complaint (action `remind` before the deadline, `overdue` after it), naming the queue and
the assignee, written once per deadline (the markers `reminded_due_at` and
`overdue_flagged_due_at` hold the deadline already recorded). Staff see them in the audit
trail, and the list's `due_soon` / `overdue` flags say the same at read time. These writes
are conditional on the version read (so they never describe a state that just changed)
but do not bump it, so a sweep never turns a staff member's view stale.

A round costs what there is to do: the sweep reads only complaints whose stored
`sweep_stage` says a record is still owed and whose stored `due_at` says it is time
(index sweep_stage + due_at), and each record moves the stage on; closing after the
rating window reads only resolved complaints past it; merged outcomes only targets
flagged `merges_waiting`.
"""

from datetime import timedelta

from models.complaint import Complaint
from models.institution import Institution
from models.queue import Queue
from models.staff import Staff
from server.clock import as_utc, iso
from server.errors import AppError
from server.services import queue_news
from server.services.complaints import merging
from server.services.complaints.store import deadline_fields
from server.services.complaints.store.guarded import Change, apply_update, commit
from server.services.deadlines import (
    CLOCK_FIELDS,
    MARKERS,
    STAGE_DONE,
    STAGE_OVERDUE,
    STAGE_REMIND,
    SWEPT_STATUSES,
    clock_facts,
    clock_of,
)

MARKERS = MARKERS
NEXT_STAGE = {"remind": STAGE_OVERDUE, "overdue": STAGE_DONE}


def _record(raw, *, action, marker, due, now, names):
    """One reminder or overdue record, unless the complaint changed since it was read."""
    change = Change(now=now)
    change.set[marker] = due
    change.set["sweep_stage"] = NEXT_STAGE[action]
    detail = {
        "due_at": iso(due),
        "deadline": "accept" if raw["status"] == "submitted" else "resolve",
        "queue": names.queue(raw.get("queue")),
        "assignee": names.staff(raw.get("assignee")),
    }
    change.audit(by="system", action=action, from_status=raw["status"], detail=detail)
    query = {"_id": raw["_id"], "version": raw.get("version", 1)}
    return apply_update(Complaint._get_collection(), query, change.update_document()) == 1


def _tell_queue(raw, action, due, now):
    """The reminder or overdue flag as news for the queue's robot and mailbox (once each)."""
    institution = raw.get("institution")
    name = raw.get("institution_name")
    if institution is not None:
        name = Institution.objects(id=institution).scalar("name").first() or name
    queue_news.record_news(
        {"remind": "reminder", "overdue": "overdue"}[action],
        queue=raw.get("queue"),
        key=f"{raw['no']}:{iso(due)}",
        now=now,
        no=raw["no"],
        category=raw.get("category"),
        institution=name,
        due_at=due,
    )


class _Names:
    """Queue keys and staff usernames by id, looked up once per sweep."""

    def __init__(self):
        self.queues = None  # read on the first record: a round with nothing to do reads nothing
        self.usernames = {}

    def queue(self, queue_id):
        """The key of a queue id."""
        if self.queues is None:
            self.queues = dict(Queue.objects.scalar("id", "key"))
        return self.queues.get(queue_id)

    def staff(self, staff_id):
        """The username of a staff id (None for none)."""
        if staff_id is not None and staff_id not in self.usernames:
            self.usernames[staff_id] = Staff.objects(id=staff_id).scalar("username").first()
        return self.usernames.get(staff_id)


def sweep_deadlines(*, now, calendar, rules):
    """Remind before each running deadline and flag it once passed; returns the counts."""
    counts = {"remind": 0, "overdue": 0}
    names = _Names()
    deadline_fields.refresh_paused(now=now, calendar=calendar)
    soon = now + timedelta(hours=rules.remind_hours)
    owed = {
        "$or": [
            {"sweep_stage": STAGE_REMIND, "due_at": {"$lte": soon}},
            {"sweep_stage": STAGE_OVERDUE, "due_at": {"$lt": now}},
        ]
    }
    fields = {name: 1 for name in ("version", "queue", "assignee", *CLOCK_FIELDS, *MARKERS)}
    fields.update(no=1, category=1, institution=1, institution_name=1)
    for raw in list(Complaint._get_collection().find(owed, fields)):
        clock = clock_of(clock_facts(raw), calendar=calendar, now=now, rules=rules)
        if clock.due_at is None or raw["status"] not in SWEPT_STATUSES:
            continue
        if clock.overdue and as_utc(raw.get("overdue_flagged_due_at")) != clock.due_at:
            marker, action = "overdue_flagged_due_at", "overdue"
        elif clock.due_soon and as_utc(raw.get("reminded_due_at")) != clock.due_at:
            marker, action = "reminded_due_at", "remind"
        else:  # the stored fields were stale (written by hand?): store them again
            deadline_fields.recompute({"_id": raw["_id"]}, now=now, calendar=calendar)
            continue
        if _record(raw, action=action, marker=marker, due=clock.due_at, now=now, names=names):
            counts[action] += 1
            _tell_queue(raw, action, clock.due_at, now)
    return counts


def close_after_rating_window(*, now, calendar, rules):
    """Archive resolved complaints the parent did not rate within the window."""
    closed = 0
    cutoff = now - timedelta(days=rules.rating_window_days)
    for complaint in Complaint.objects(status="resolved", resolved_at__lt=cutoff):
        change = Change(now=now, calendar=calendar)
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
    result["closed"] = close_after_rating_window(now=now, calendar=calendar, rules=rules)
    result["merged_outcomes"] = merging.pass_on_pending_outcomes(calendar=calendar, now=now)
    return result
