"""Which deadline runs, how pauses and reopening move it, and when it counts as overdue.

Expected dates are worked out by hand from the 2026 official calendar (National Day
Oct 1-7 off, Saturday Oct 10 a make-up workday) and weekdays for 2027.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from models.complaint import Complaint, Pause
from server.services.deadlines import DeadlineRules, clock_of, initial_deadlines
from server.services.deadlines.working_days import SHANGHAI, Calendar

RULES = DeadlineRules()
NEW_YEAR_OFF = Calendar(extra_holidays=frozenset({date(2027, 1, 1)}))


def sh(y, m, d, hour=15):
    """A Shanghai wall-clock moment as aware UTC."""
    return datetime(y, m, d, hour, tzinfo=SHANGHAI).astimezone(UTC)


def end_of(y, m, d):
    """The deadline instant of a Shanghai date (its last stored millisecond)."""
    return datetime(y, m, d, 23, 59, 59, 999000, tzinfo=SHANGHAI).astimezone(UTC)


def day(moment):
    """The Shanghai date of a deadline."""
    return moment.astimezone(SHANGHAI).date() if moment else None


@pytest.mark.parametrize(
    ("filed", "calendar", "accept", "resolve"),
    [
        (sh(2026, 9, 30), Calendar(), date(2026, 10, 8), date(2026, 10, 27)),
        (sh(2026, 10, 9), Calendar(), date(2026, 10, 10), date(2026, 10, 29)),  # Sat make-up
        (sh(2026, 12, 31), Calendar(), date(2027, 1, 1), date(2027, 1, 21)),  # unknown year
        (sh(2026, 12, 31), NEW_YEAR_OFF, date(2027, 1, 4), date(2027, 1, 22)),  # admin's day
    ],
)
def test_initial_deadlines(filed, calendar, accept, resolve):
    due = initial_deadlines(filed, rules=RULES, calendar=calendar)
    assert (day(due[0]), day(due[1])) == (accept, resolve)


def complaint(status, **fields):
    """An unsaved complaint; the clock only reads it."""
    base = {
        "accept_due_at": end_of(2026, 10, 8),
        "resolve_due_at": end_of(2026, 10, 20),
    }
    return Complaint(no="TS1", status=status, **{**base, **fields})


@pytest.mark.parametrize(
    ("status", "due"),
    [
        ("submitted", date(2026, 10, 8)),
        ("accepted", date(2026, 10, 20)),
        ("in_progress", date(2026, 10, 20)),
        ("reopened", date(2026, 10, 20)),
        ("resolved", None),
        ("closed", None),
        ("rejected", None),
        ("merged", None),
    ],
)
def test_the_running_deadline_follows_the_status(status, due):
    clock = clock_of(complaint(status), calendar=Calendar(), now=sh(2026, 10, 9))
    assert day(clock.due_at) == due
    assert clock.overdue is (due == date(2026, 10, 8))


def test_a_closed_pause_adds_the_working_days_inside_it():
    # Paused Wed Sep 30 to Fri Oct 9: only Oct 8 and 9 were working days.
    paused = [Pause(start=sh(2026, 9, 30, 10), end=sh(2026, 10, 9, 10))]
    clock = clock_of(
        complaint("in_progress", pauses=paused), calendar=Calendar(), now=sh(2026, 10, 21)
    )
    assert day(clock.due_at) == date(2026, 10, 22)
    assert clock.overdue is False


def test_an_open_pause_stops_the_clock_until_now():
    paused = [Pause(start=sh(2026, 10, 19, 10))]
    waiting = complaint("need_info", pauses=paused)
    # Oct 20..Oct 30 (9 working days) have passed while waiting: due moves by 9.
    clock = clock_of(waiting, calendar=Calendar(), now=sh(2026, 10, 30))
    assert day(clock.due_at) == date(2026, 11, 2)
    assert clock.overdue is False


def test_reopening_restarts_the_clock_and_forgets_older_pauses():
    old = [Pause(start=sh(2026, 10, 12), end=sh(2026, 10, 16))]
    reopened = complaint(
        "reopened", pauses=old, reopened_at=sh(2026, 11, 2), resolve_due_at=end_of(2026, 11, 20)
    )
    assert day(clock_of(reopened, calendar=Calendar(), now=sh(2026, 11, 3)).due_at) == date(
        2026, 11, 20
    )


def test_due_soon_within_the_reminder_window():
    due = end_of(2026, 10, 20)
    calm = clock_of(complaint("accepted"), calendar=Calendar(), now=due - timedelta(hours=25))
    soon = clock_of(complaint("accepted"), calendar=Calendar(), now=due - timedelta(hours=23))
    late = clock_of(complaint("accepted"), calendar=Calendar(), now=due + timedelta(seconds=1))
    assert (calm.due_soon, soon.due_soon, late.due_soon, late.overdue) == (False, True, False, True)


def test_an_admin_holiday_moves_a_stored_deadline_at_read_time():
    paused = [Pause(start=sh(2026, 12, 30, 10), end=sh(2027, 1, 4, 10))]
    base = complaint("accepted", pauses=paused, resolve_due_at=end_of(2027, 1, 8))
    # Dec 31, Jan 1, Jan 4 paused: three working days, or two once Jan 1 is a holiday.
    assert day(clock_of(base, calendar=Calendar(), now=sh(2027, 1, 5)).due_at) == date(2027, 1, 13)
    assert day(clock_of(base, calendar=NEW_YEAR_OFF, now=sh(2027, 1, 5)).due_at) == date(
        2027, 1, 12
    )
