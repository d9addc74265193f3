"""How one complaint kept its deadlines: working days taken, and on time or late.

Statistics and the ledger both read a complaint's timing from here, so a row of the
ledger and the rates of the statistics can never disagree. Deadlines come from `sla`
(base dates stored at filing, moved by `extend` and `reopen`, need_info pauses counted
with the admins' holiday calendar); nothing is re-derived here.

- Accepted on time: `accepted_at <= accept_due_at`. A complaint still waiting to be
  accepted whose deadline has passed is already late. One rejected or merged before it
  was accepted has no acceptance to judge (None).
- Resolved on time: `resolved_at <=` the resolve deadline with its pauses and extension
  (for a reopened complaint: the deadline of the round that ended in the latest
  resolution). One still being worked on past its running deadline is already late;
  rejected and merged ones are never resolved in their own right (None).
- Days to accept: working days from submission to acceptance. Days to resolve: working
  days from submission to the (latest) resolution, less the working days the clock stood
  still waiting for the parent. Whole working days, counted as deadlines are: a complaint
  handled on the day it came in took 0.
"""

from dataclasses import dataclass

from server.clock import as_utc
from server.services.deadlines.sla import (
    CLOCK_FIELDS,
    WORKING_STATUSES,
    clock_facts,
    clock_of,
    resolve_due,
)
from server.services.deadlines.working_days import paused_working_days, working_days_between

# What `timing_of` reads from a stored complaint (load only these, as raw dicts).
TIMING_FIELDS = ("created_at", "accepted_at", "resolved_at", *CLOCK_FIELDS)


@dataclass(frozen=True)
class Timing:
    """Working days taken and whether each deadline was kept; None: nothing to judge (yet)."""

    accept_days: int | None
    resolve_days: int | None
    accepted_on_time: bool | None
    resolved_on_time: bool | None
    overdue: bool  # still running and past its deadline now


def _accepted_on_time(facts, accepted, overdue):
    if accepted is not None:
        due = as_utc(facts.accept_due_at)
        return None if due is None else accepted <= due
    return False if facts.status == "submitted" and overdue else None


def _resolved_on_time(facts, resolved, overdue, *, calendar, now):
    if resolved is not None:
        due = resolve_due(facts, calendar=calendar, now=now)
        return None if due is None else resolved <= due
    return False if facts.status in WORKING_STATUSES and overdue else None


def timing_of(raw, *, calendar, now):
    """The Timing of a stored complaint (a raw dict holding at least TIMING_FIELDS)."""
    facts = clock_facts(raw)
    created = as_utc(raw.get("created_at"))
    accepted, resolved = as_utc(raw.get("accepted_at")), as_utc(raw.get("resolved_at"))
    overdue = clock_of(facts, calendar=calendar, now=now).overdue
    accept_days = resolve_days = None
    if accepted is not None:
        accept_days = working_days_between(created, accepted, calendar=calendar)
    if resolved is not None:
        pauses = [(as_utc(p.start), as_utc(p.end)) for p in facts.pauses if p.start]
        paused = paused_working_days(pauses, calendar=calendar, now=resolved)
        resolve_days = max(0, working_days_between(created, resolved, calendar=calendar) - paused)
    return Timing(
        accept_days=accept_days,
        resolve_days=resolve_days,
        accepted_on_time=_accepted_on_time(facts, accepted, overdue),
        resolved_on_time=_resolved_on_time(facts, resolved, overdue, calendar=calendar, now=now),
        overdue=overdue,
    )
