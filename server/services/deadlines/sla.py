"""Complaint deadlines: which one runs now, how need_info pauses move it, whether it passed.

The facts are the base dates set when the complaint was filed (`accept_due_at`,
`resolve_due_at`, moved by `extend` and `reopen`) and the pauses. The deadline that counts
is computed from them here; `deadlines.stored` keeps a copy of it on the complaint
(`due_at`, written with every change, after holiday changes and when a running pause
crosses midnight) so that lists filter and sort in the store, while what a page shows is
computed here at read time and always equals that copy.
"""

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from server.clock import as_utc
from server.services.deadlines.working_days import (
    deadline_with_pauses,
    is_overdue,
    working_days_after,
)

# Statuses whose resolve clock runs (or is paused, in need_info).
WORKING_STATUSES = ("accepted", "in_progress", "need_info", "reopened")


@dataclass(frozen=True)
class DeadlineRules:
    """The configurable numbers: working days to accept, resolve and extend; other windows."""

    accept_days: int = 1
    resolve_days: int = 15
    extend_days: int = 15
    rating_window_days: int = 7
    remind_hours: int = 24

    @classmethod
    def from_config(cls, config):
        """The rules an app runs with (ACCEPT_DAYS, RESOLVE_DAYS, EXTEND_DAYS ...)."""
        return cls(
            accept_days=config["ACCEPT_DAYS"],
            resolve_days=config["RESOLVE_DAYS"],
            extend_days=config["EXTEND_DAYS"],
            rating_window_days=config["RATING_WINDOW_DAYS"],
            remind_hours=config["REMIND_HOURS"],
        )


# What the clock reads; lists load only these, as raw dicts (building thousands of
# mongoengine documents with `.only()` costs milliseconds each).
CLOCK_FIELDS = ("status", "accept_due_at", "resolve_due_at", "pauses", "reopened_at")


def clock_facts(raw):
    """A stored complaint's raw dict as something `clock_of` reads (a document works too)."""
    return SimpleNamespace(
        status=raw.get("status"),
        accept_due_at=raw.get("accept_due_at"),
        resolve_due_at=raw.get("resolve_due_at"),
        reopened_at=raw.get("reopened_at"),
        pauses=[
            SimpleNamespace(start=p.get("start"), end=p.get("end")) for p in raw.get("pauses") or []
        ],
    )


def initial_deadlines(filed_at, *, rules, calendar):
    """(accept_due_at, resolve_due_at) for a complaint filed at `filed_at`."""
    return (
        working_days_after(filed_at, rules.accept_days, calendar=calendar),
        working_days_after(filed_at, rules.resolve_days, calendar=calendar),
    )


def counted_pauses(complaint):
    """The need_info pauses that stop the current resolve clock, as (start, end or None)."""
    since = as_utc(complaint.reopened_at)
    return [
        (as_utc(p.start), as_utc(p.end))
        for p in complaint.pauses
        if since is None or as_utc(p.start) >= since
    ]


def resolve_due(complaint, *, calendar, now):
    """The resolve deadline after the clock stopped in need_info (open pause: up to now)."""
    base = as_utc(complaint.resolve_due_at)
    if base is None:
        return None
    return deadline_with_pauses(base, 0, counted_pauses(complaint), calendar=calendar, now=now)


def active_due(complaint, *, calendar, now):
    """The deadline that runs in the complaint's status; None once it is finished."""
    if complaint.status == "submitted":
        return as_utc(complaint.accept_due_at)
    if complaint.status in WORKING_STATUSES:
        return resolve_due(complaint, calendar=calendar, now=now)
    return None


@dataclass(frozen=True)
class Clock:
    """A complaint's deadline as of `now`: when it is due, overdue, or due soon."""

    due_at: object
    overdue: bool
    due_soon: bool


def clock_of(complaint, *, calendar, now, rules=DeadlineRules()):
    """The complaint's running deadline and its state at `now`."""
    due = active_due(complaint, calendar=calendar, now=now)
    overdue = is_overdue(due, now=now)
    soon = due is not None and not overdue and due - now <= timedelta(hours=rules.remind_hours)
    return Clock(due_at=due, overdue=overdue, due_soon=soon)
