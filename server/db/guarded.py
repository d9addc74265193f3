"""One guarded write per step on a complaint: status, record and message together or not at all.

A step collects everything it causes in a `Change` (fields to set, audit and timeline
entries, notes, pauses, outbox messages) and `commit` applies it with ONE `update_one`
whose filter holds the version the actor saw. If anyone wrote in between, nothing is
written and the caller gets 409 `version_conflict`: two staff acting at once cannot both
succeed, and a status change can never be stored without the message telling the parent.
The same update stores the complaint's deadline fields as the change leaves them
(server.services.deadlines.stored), so lists never read a stale deadline.
"""

import copy
import threading
from dataclasses import dataclass, field
from datetime import datetime

from models.complaint import AuditEntry, Complaint, TimelineEntry
from server import db
from server.errors import AppError

# The embedded store (mongomock) is not safe under threads the way MongoDB is: it applies
# an update by finding the document and then changing the stored dict in place, with no
# lock between the two steps and none against readers copying that dict meanwhile. So two
# requests of one demo process could both pass a version check, and a reader could crash
# on a half-changed document. In embedded mode `apply_update` therefore takes one lock,
# applies the update to a private copy and swaps the finished copy in: readers see the old
# document or the new one, never a mix. On MongoDB it is a plain atomic update_one.
_EMBEDDED_WRITES = threading.Lock()
_scratch = None


def _swap_in_updated(collection, query, update):
    """mongomock only: apply `update` to a copy of the `_id` match and swap it in (lock held).

    The document is found by `_id` in the store rather than by a scan (mongomock scans
    every document for any query), then the rest of `query` is checked on it.
    """
    global _scratch
    import mongomock
    from mongomock.filtering import filter_applies
    from mongomock.helpers import patch_datetime_awareness_in_document

    store = collection._store
    if query["_id"] not in store:
        return 0
    stored = store[query["_id"]]
    if not filter_applies(patch_datetime_awareness_in_document(query), stored):
        return 0
    if _scratch is None:
        _scratch = mongomock.MongoClient(tz_aware=True).scratch.documents
    _scratch.delete_many({})
    _scratch.insert_one(copy.deepcopy(stored))
    _scratch.update_one({"_id": query["_id"]}, update)
    store[query["_id"]] = _scratch._store[query["_id"]]
    return 1


def apply_update(collection, query, update):
    """update_one on the document `query["_id"]` if it matches `query`; 1 if it did, else 0."""
    if not db.is_embedded():
        return collection.update_one(query, update).matched_count
    with _EMBEDDED_WRITES:
        return _swap_in_updated(collection, query, update)


def as_mongo(embedded):
    """An embedded document as the dict MongoDB stores."""
    return embedded.to_mongo().to_dict()


@dataclass
class Change:
    """What one step sets and appends; built up, then committed once."""

    now: datetime
    set: dict = field(default_factory=dict)
    push: dict = field(default_factory=dict)
    calendar: object = None  # the working-day calendar (default: loaded when committed)

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
    from server.services.deadlines import stored  # services build on this module

    expected = complaint.version if version is None else version
    update = change.update_document()
    update["$set"]["version"] = expected + 1
    calendar = change.calendar or stored.load_calendar()
    facts = stored.facts_after(complaint, change)
    kept, dropped = stored.as_update(stored.stored_fields(facts, calendar=calendar, now=change.now))
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
