"""One guarded write per step on a complaint: status, record and message together or not at all.

A step collects everything it causes in a `Change` (fields to set, audit and timeline
entries, notes, pauses, outbox messages) and `commit` applies it with ONE `update_one`
whose filter holds the version the actor saw. If anyone wrote in between, nothing is
written and the caller gets 409 `version_conflict`: two staff acting at once cannot both
succeed, and a status change can never be stored without the message telling the parent.
The same update stores the complaint's deadline fields as the change leaves them
(deadlines.stored, over the calendar the step was given), so lists never read a stale
deadline.
"""

from dataclasses import dataclass, field
from datetime import datetime

from models.complaint import AuditEntry, Complaint, TimelineEntry
from server.errors import AppError
from server.services.deadlines import as_update, facts_after, stored_fields


def apply_update(collection, query, update):
    """update_one on the document `query["_id"]` if it matches `query`; 1 if it did, else 0.

    One atomic write on MongoDB, and on the embedded store too: the strict layer
    (server/emulators/mongo/strict.py) applies it to a copy it swaps in, under its write lock.
    """
    return collection.update_one(query, update).matched_count


def as_mongo(embedded):
    """An embedded document as the dict MongoDB stores."""
    return embedded.to_mongo().to_dict()


@dataclass
class Change:
    """What one step sets and appends; built up, then committed once."""

    now: datetime
    set: dict = field(default_factory=dict)
    push: dict = field(default_factory=dict)
    calendar: object = None  # the working-day calendar; `commit` needs it

    def append(self, name, embedded):
        """Append an embedded document (note, pause, supplement, outbox message) to a list."""
        self.push.setdefault(name, []).append(as_mongo(embedded))

    def audit(self, *, by, action, from_status=None, to_status=None, detail=None):
        """Put a step on the record."""
        entry = AuditEntry(
            at=self.now,
            by=by,
            action=action,
            from_status=from_status,
            to_status=to_status,
            detail=detail or {},
        )
        self.append("audit", entry)

    def timeline(self, *, status=None, message=None, kind="status"):
        """Put a step on the parent's timeline."""
        self.append(
            "timeline", TimelineEntry(at=self.now, status=status, message=message, kind=kind)
        )

    def close_pause(self, complaint):
        """End the running need_info pause (the parent answered, or staff moved on)."""
        for index in range(len(complaint.pauses) - 1, -1, -1):
            if complaint.pauses[index].end is None:
                self.set[f"pauses.{index}.end"] = self.now
                break
        self.set["paused_from"] = None

    def update_document(self):
        """The MongoDB update for this change (without the version bump)."""
        update = {"$set": dict(self.set, updated_at=self.now)}
        if self.push:
            update["$push"] = {name: {"$each": items} for name, items in self.push.items()}
        return update


def commit(complaint, change, *, version=None):
    """Apply `change` if the complaint still has `version` (default: as loaded); else 409."""
    if change.calendar is None:
        raise ValueError("a guarded commit needs the working-day calendar (Change.calendar)")
    expected = complaint.version if version is None else version
    update = change.update_document()
    update["$set"]["version"] = expected + 1
    facts = facts_after(complaint, change)
    kept, dropped = as_update(stored_fields(facts, calendar=change.calendar, now=change.now))
    update["$set"].update(kept)
    if dropped:
        update["$unset"] = dropped
    query = {"_id": complaint.pk, "version": expected}
    if apply_update(Complaint._get_collection(), query, update) != 1:
        raise AppError("version_conflict")
    return expected + 1


def record_only(complaint, change):
    """Append audit-only entries without touching `version` (nothing anyone acts on changed)."""
    apply_update(Complaint._get_collection(), {"_id": complaint.pk}, change.update_document())
