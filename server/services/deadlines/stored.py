"""The deadline fields stored on each complaint, so lists filter and sort in MongoDB: pure.

`due_at` is the running deadline exactly as `sla.active_due` computes it (FAR_FUTURE once
none runs), `sweep_stage` what the deadline sweep still has to record for it, and, while
a need_info pause runs, `due_refresh_at`: the next Shanghai midnight, when the paused
working days (and so the deadline) move. They are derived, never edited, and written in
the same update as whatever changed them, from ONE function (`stored_fields`), over the
calendar the caller hands in. The complaint store (complaints/store/deadline_fields.py)
writes them: on insert, in every guarded write, for pauses that crossed midnight, and
after an admin adds or removes a day.
"""

from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace

from server.clock import SHANGHAI, as_utc
from server.services.deadlines.sla import active_due

FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)
# need_info waits for the parent: its deadline moves every day, so nobody is reminded.
SWEPT_STATUSES = ("submitted", "accepted", "in_progress", "reopened")
MARKERS = ("reminded_due_at", "overdue_flagged_due_at")
FACT_FIELDS = ("status", "accept_due_at", "resolve_due_at", "reopened_at", "pauses", *MARKERS)
STORED = ("due_at", "due_refresh_at", "sweep_stage")
STAGE_REMIND, STAGE_OVERDUE, STAGE_DONE = 0, 1, 2


def _next_midnight(now):
    """The first instant of the Shanghai day after `now`'s, in UTC."""
    day = as_utc(now).astimezone(SHANGHAI).date() + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=SHANGHAI).astimezone(UTC)


def _stage(facts, due):
    if due is None or facts.status not in SWEPT_STATUSES:
        return None
    if as_utc(getattr(facts, "overdue_flagged_due_at", None)) == due:
        return STAGE_DONE
    if as_utc(getattr(facts, "reminded_due_at", None)) == due:
        return STAGE_OVERDUE
    return STAGE_REMIND


def stored_fields(facts, *, calendar, now):
    """{"due_at", "due_refresh_at", "sweep_stage"} of a complaint's facts at `now`."""
    due = active_due(facts, calendar=calendar, now=now)
    paused = facts.status == "need_info" and any(p.end is None for p in facts.pauses)
    return {
        "due_at": due or FAR_FUTURE,
        "due_refresh_at": _next_midnight(now) if paused and due is not None else None,
        "sweep_stage": _stage(facts, due),
    }


def facts_of_raw(raw):
    """A stored complaint's raw dict (holding FACT_FIELDS) as facts `stored_fields` reads."""
    facts = {name: raw.get(name) for name in FACT_FIELDS if name != "pauses"}
    pauses = [
        SimpleNamespace(start=p.get("start"), end=p.get("end")) for p in raw.get("pauses") or []
    ]
    return SimpleNamespace(pauses=pauses, **facts)


def facts_after(complaint, change):
    """The facts of a loaded complaint once `change` (a guarded.Change) is applied."""
    values = {
        name: change.set[name] if name in change.set else getattr(complaint, name, None)
        for name in FACT_FIELDS
        if name != "pauses"
    }
    pauses = [SimpleNamespace(start=p.start, end=p.end) for p in complaint.pauses]
    for key, value in change.set.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "pauses" and parts[2] == "end":
            pauses[int(parts[1])].end = value
    for pushed in change.push.get("pauses", []):
        pauses.append(SimpleNamespace(start=pushed.get("start"), end=pushed.get("end")))
    return SimpleNamespace(pauses=pauses, **values)


def as_update(fields):
    """The fields as `$set` / `$unset` parts (None is unset: sparse indexes skip it)."""
    kept = {k: v for k, v in fields.items() if v is not None}
    return kept, {k: "" for k, v in fields.items() if v is None}
