"""Writing the stored deadline fields (due_at, due_refresh_at, sweep_stage) of complaints.

The values come from `deadlines.stored.stored_fields` over the calendar the caller hands
in; this module is where they are written outside a guarded step (which adds them to its
own update, see guarded.commit): a new complaint before its insert (`fill`), the few whose
pause crossed midnight (`refresh_paused`, worker and list reads), after an admin adds or
removes a day (`after_calendar_change`), and for existing data (`flask refresh-deadlines`).
"""

from models.complaint import OPEN_STATUSES, Complaint
from server.clock import as_utc
from server.services.complaints.store.guarded import apply_update
from server.services.deadlines import (
    FACT_FIELDS,
    MARKERS,
    STORED,
    as_update,
    facts_of_raw,
    stored_fields,
)

PROJECTION = {name: 1 for name in (*FACT_FIELDS, *STORED, "version")}


def fill(complaint, *, calendar, now):
    """Set the stored fields on a complaint about to be inserted."""
    for name, value in stored_fields(complaint, calendar=calendar, now=now).items():
        setattr(complaint, name, value)


def _unchanged(raw, fields):
    return all(
        (raw.get(name) if name == "sweep_stage" else as_utc(raw.get(name))) == value
        for name, value in fields.items()
    )


def _rewrite(collection, raw, *, calendar, now):
    """Store the fields again unless the complaint changed since it was read; 1 if they moved."""
    fields = stored_fields(facts_of_raw(raw), calendar=calendar, now=now)
    if _unchanged(raw, fields):
        return 0
    kept, dropped = as_update(fields)
    query = {"_id": raw["_id"], "version": raw.get("version", 1)}
    query.update({name: raw.get(name) for name in MARKERS})  # a sweep's record wins
    update = {"$set": kept} if kept else {}
    if dropped:
        update["$unset"] = dropped
    return apply_update(collection, query, update)


def recompute(query, *, calendar, now):
    """Store the fields again for the complaints matching `query`; how many moved."""
    collection = Complaint._get_collection()
    return sum(
        _rewrite(collection, raw, calendar=calendar, now=now)
        for raw in list(collection.find(query, PROJECTION))
    )


def recompute_missing(*, every, calendar, now):
    """Store the fields of complaints stored before them (or of all, `every`); how many."""
    query = {} if every else {"due_at": {"$exists": False}}
    return recompute(query, calendar=calendar, now=now)


def refresh_paused(*, calendar, now):
    """Recompute the complaints whose running pause crossed a Shanghai midnight."""
    collection = Complaint._get_collection()
    stale = list(collection.find({"due_refresh_at": {"$lte": now}}, PROJECTION))
    return sum(_rewrite(collection, raw, calendar=calendar, now=now) for raw in stale)


def after_calendar_change(*, calendar, now):
    """A day was added or removed: recompute the open complaints whose clock was paused."""
    return recompute(
        {"status": {"$in": list(OPEN_STATUSES)}, "pauses.0": {"$exists": True}},
        calendar=calendar,
        now=now,
    )
