"""Duplicates: the parent of a merged complaint hears the outcome of the one it joined.

When a target is resolved, each complaint merged into it gets, in one guarded write of its
own, the outcome on its parent's timeline and a subscribe message in its outbox: the
outcome's label and the public reply the target's parent read, never the target's
internal `measures` or notes (staff see the measures on the merged complaint). The
marker `merged_outcome_at` (the target's `resolved_at` passed on) makes this idempotent,
so the step can run right after the target's resolution and again from the worker's sweep
(which catches a process that died in between, or a merge racing a resolution).

The sweep reads only targets flagged `merges_waiting` that are resolved or closed: the
flag is set on the target before a merge into it is written and by the resolution of a
target that has merged complaints, and cleared once every merged one has the outcome of
that resolution. A round with nothing to pass on reads nothing.
"""

import logging

from models.choices import COMPLAINT_OUTCOMES, label
from models.complaint import Complaint
from server.clock import as_utc
from server.errors import AppError
from server.services.complaints.notifications import status_message
from server.services.complaints.store.guarded import Change, apply_update, commit, record_only

log = logging.getLogger(__name__)


def record_merged_in(target, source_no, *, by, now):
    """Note on the target's record that `source_no` was merged into it."""
    change = Change(now=now)
    change.audit(by=by, action="merged_in", detail={"from": source_no})
    record_only(target, change)


def public_reply(target):
    """The reply the target's own parent read when it was resolved (never its measures)."""
    for entry in reversed(target.audit):
        if entry.action == "resolve":
            return (entry.detail or {}).get("message") or ""
    return ""


def outcome_text(target):
    """What a merged complaint's parent reads: the outcome label and the public reply only."""
    text = f"合并办理的投诉 {target.no} 已办结：{label(COMPLAINT_OUTCOMES, target.outcome)}。"
    return text + public_reply(target)


def _pass_on(target, merged, now, calendar):
    """Give one merged complaint its target's outcome; False if someone wrote in between."""
    text = outcome_text(target)
    change = Change(now=now, calendar=calendar)
    change.set.update(
        outcome=target.outcome,
        measures=target.measures,
        merged_outcome_at=as_utc(target.resolved_at),
    )
    change.audit(by="system", action="merged_outcome", detail={"target": target.no})
    change.timeline(status="merged", message=text, kind="reply")
    change.append("outbox", status_message(no=merged.no, status="resolved", text=text, now=now))
    try:
        commit(merged, change)
    except AppError:
        return False
    return True


FINISHED_TARGET = ("resolved", "closed")


def expect_merges(target_no):
    """Flag a target as having merged complaints that will need its outcome."""
    Complaint._get_collection().update_one({"no": target_no}, {"$set": {"merges_waiting": True}})


def has_merges(target_no):
    """Whether any complaint was merged into `target_no`."""
    return Complaint.objects(merged_into=target_no).limit(1).count(with_limit_and_skip=True) > 0


def pass_outcome_on(target_no, *, calendar, now):
    """Tell every complaint merged into `target_no` its outcome (once per resolution)."""
    target = Complaint.objects(no=target_no).first()
    if target is None or target.status not in FINISHED_TARGET or not target.resolved_at:
        return 0
    done, missed = 0, 0
    for merged in Complaint.objects(merged_into=target_no, status="merged"):
        if as_utc(merged.merged_outcome_at) == as_utc(target.resolved_at):
            continue
        for _ in range(3):  # a concurrent write (a note) only delays us
            if _pass_on(target, merged, now, calendar):
                done += 1
                break
            merged = Complaint.objects.get(pk=merged.pk)
        else:
            missed += 1
    if not missed and target.merges_waiting:  # done for this resolution; a new one flags again
        query = {"_id": target.pk, "resolved_at": target.resolved_at, "merges_waiting": True}
        apply_update(Complaint._get_collection(), query, {"$unset": {"merges_waiting": ""}})
    return done


def pass_on_pending_outcomes(*, calendar, now):
    """The sweep: pass on the outcome of each finished target still flagged `merges_waiting`."""
    query = {"merges_waiting": True, "status": {"$in": list(FINISHED_TARGET)}}
    targets = [raw["no"] for raw in Complaint._get_collection().find(query, {"no": 1})]
    return sum(pass_outcome_on(no, calendar=calendar, now=now) for no in targets)
