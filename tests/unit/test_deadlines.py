"""Working-day deadlines: official 2026 calendar, the 2027 fallback, admin days, pauses.

Expected dates come from chinese_calendar 1.11.0's own 2026 data (see the table in
test_official_and_fallback_days); 2027 is unknown to it, so weekends-only applies there.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from server.services.deadlines.working_days import (
    SHANGHAI,
    Calendar,
    deadline_with_pauses,
    is_overdue,
    working_days_after,
    working_days_between,
)

NEW_YEAR_2027_OFF = Calendar(extra_holidays=frozenset({date(2027, 1, 1)}))


def sh(y, m, d, hour=15, minute=0):
    """A Shanghai wall-clock moment, handed over as aware UTC like stored values."""
    return datetime(y, m, d, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def end_of(y, m, d):
    """The deadline instant for a Shanghai date: its last millisecond."""
    return datetime(y, m, d, 23, 59, 59, 999000, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("day", "calendar", "expected"),
    [
        (date(2026, 10, 1), Calendar(), False),  # National Day, Thu
        (date(2026, 10, 7), Calendar(), False),  # last day of the Oct 1-7 break, Wed
        (date(2026, 10, 8), Calendar(), True),  # back to work, Thu
        (date(2026, 10, 10), Calendar(), True),  # make-up Saturday for National Day
        (date(2026, 9, 20), Calendar(), True),  # make-up Sunday for National Day
        (date(2026, 9, 25), Calendar(), False),  # Mid-autumn, Fri
        (date(2026, 2, 14), Calendar(), True),  # make-up Saturday for Spring Festival
        (date(2026, 2, 23), Calendar(), False),  # Spring Festival runs to Mon Feb 23
        (date(2026, 1, 4), Calendar(), True),  # make-up Sunday for New Year
        (date(2026, 12, 31), Calendar(), True),  # plain Thursday
        (date(2027, 1, 1), Calendar(), True),  # unknown year: a Friday is a workday
        (date(2027, 1, 2), Calendar(), False),  # unknown year: Saturday is off
        (date(2027, 1, 1), NEW_YEAR_2027_OFF, False),  # admin holiday in an unknown year
        (date(2026, 10, 10), Calendar(frozenset({date(2026, 10, 10)})), False),  # beats 调休
        (date(2026, 11, 30), Calendar(frozenset({date(2026, 11, 30)})), False),  # known year
        (date(2027, 1, 9), Calendar(extra_workdays=frozenset({date(2027, 1, 9)})), True),
        (date(2038, 6, 7), Calendar(), True),  # far future Monday: fallback, no exception
        (date(2003, 6, 7), Calendar(), False),  # before the package's range: Saturday
    ],
)
def test_official_and_fallback_days(day, calendar, expected):
    assert calendar.is_workday(day) is expected


@pytest.mark.parametrize(
    ("start", "days", "calendar", "due"),
    [
        # Friday afternoon, one day: the end of Monday (the 12345 example).
        (sh(2026, 11, 27), 1, Calendar(), end_of(2026, 11, 30)),
        # 01:00 Friday in Shanghai is still Thursday in UTC; the Shanghai date counts.
        (sh(2026, 11, 27, hour=1), 1, Calendar(), end_of(2026, 11, 30)),
        (sh(2026, 11, 26, hour=23, minute=59), 1, Calendar(), end_of(2026, 11, 27)),
        (sh(2026, 11, 27), 0, Calendar(), end_of(2026, 11, 27)),
        # Day before National Day: Oct 1-7 off, so the first working day is Thu Oct 8.
        (sh(2026, 9, 30), 1, Calendar(), end_of(2026, 10, 8)),
        (sh(2026, 9, 30), 3, Calendar(), end_of(2026, 10, 10)),  # make-up Saturday counts
        (sh(2026, 9, 30), 4, Calendar(), end_of(2026, 10, 12)),
        (sh(2026, 9, 19), 1, Calendar(), end_of(2026, 9, 20)),  # make-up Sunday counts
        (sh(2026, 9, 24), 1, Calendar(), end_of(2026, 9, 28)),  # Mid-autumn Fri skipped
        (sh(2026, 2, 14), 1, Calendar(), end_of(2026, 2, 24)),  # whole Spring Festival
        (sh(2025, 12, 31), 1, Calendar(), end_of(2026, 1, 4)),  # into 2026's make-up Sunday
        # Admin day off in a known year pushes past it.
        (sh(2026, 9, 30), 1, Calendar(frozenset({date(2026, 10, 8)})), end_of(2026, 10, 9)),
        # Across 31 December into 2027, which the package does not know.
        (sh(2026, 12, 31), 1, Calendar(), end_of(2027, 1, 1)),
        (sh(2026, 12, 31), 1, NEW_YEAR_2027_OFF, end_of(2027, 1, 4)),
        (sh(2026, 12, 30), 2, Calendar(), end_of(2027, 1, 1)),
        (sh(2026, 12, 31), 15, Calendar(), end_of(2027, 1, 21)),
        (sh(2026, 12, 31), 15, NEW_YEAR_2027_OFF, end_of(2027, 1, 22)),
        (
            sh(2027, 1, 8),
            1,
            Calendar(extra_workdays=frozenset({date(2027, 1, 9)})),
            end_of(2027, 1, 9),
        ),
        # Resolve within 15 working days across National Day and its make-up Saturday.
        (sh(2026, 9, 28), 15, Calendar(), end_of(2026, 10, 23)),
    ],
)
def test_working_days_after(start, days, calendar, due):
    assert working_days_after(start, days, calendar=calendar) == due


def test_deadline_is_utc_and_storable():
    due = working_days_after(sh(2026, 11, 27), 1)
    assert due.utcoffset() == timedelta(0)
    assert due == datetime(2026, 11, 30, 15, 59, 59, 999000, tzinfo=UTC)
    assert due.microsecond % 1000 == 0  # BSON keeps milliseconds only


@pytest.mark.parametrize(
    ("start", "end", "calendar", "expected"),
    [
        (sh(2026, 11, 27), sh(2026, 11, 27), Calendar(), 0),
        (sh(2026, 11, 30), sh(2026, 11, 27), Calendar(), 0),  # end before start
        (sh(2026, 11, 27, hour=9), sh(2026, 11, 27, hour=18), Calendar(), 0),  # same day
        (sh(2026, 11, 27), sh(2026, 11, 30, hour=9), Calendar(), 1),  # weekend skipped
        (sh(2026, 11, 26, hour=23), sh(2026, 11, 27, hour=1), Calendar(), 1),  # 2 h, 1 day
        (sh(2026, 9, 30), sh(2026, 10, 8, hour=9), Calendar(), 1),
        (sh(2026, 9, 30), sh(2026, 10, 10, hour=12), Calendar(), 3),  # Oct 8, 9, 10
        (sh(2026, 12, 31), sh(2027, 1, 4), Calendar(), 2),  # Jan 1 (fallback), Jan 4
        (sh(2026, 12, 31), sh(2027, 1, 4), NEW_YEAR_2027_OFF, 1),
    ],
)
def test_working_days_between(start, end, calendar, expected):
    assert working_days_between(start, end, calendar=calendar) == expected


@pytest.mark.parametrize("start", [sh(2026, 9, 19), sh(2026, 9, 30), sh(2026, 12, 24)])
@pytest.mark.parametrize("days", [0, 1, 2, 5, 15])
def test_between_undoes_after(start, days):
    assert working_days_between(start, working_days_after(start, days)) == days


# Complaint submitted Mon 2026-11-02, 15 working days to resolve: due Mon Nov 23 unpaused.
NOV_START = sh(2026, 11, 2, hour=9)


@pytest.mark.parametrize(
    ("start", "pauses", "open_until", "calendar", "due"),
    [
        (NOV_START, [], None, Calendar(), end_of(2026, 11, 23)),
        # Paused and resumed the same day: no whole working day lost.
        (
            NOV_START,
            [(sh(2026, 11, 4, 10), sh(2026, 11, 4, 16))],
            None,
            Calendar(),
            end_of(2026, 11, 23),
        ),
        # Wed 10:00 -> next Mon 10:00 covers Thu, Fri, Mon: three days later.
        (
            NOV_START,
            [(sh(2026, 11, 4, 10), sh(2026, 11, 9, 10))],
            None,
            Calendar(),
            end_of(2026, 11, 26),
        ),
        # Still waiting for the parent on Friday noon: Thu and Fri so far.
        (
            NOV_START,
            [(sh(2026, 11, 4, 10), None)],
            sh(2026, 11, 6, 12),
            Calendar(),
            end_of(2026, 11, 25),
        ),
        # Two pauses add up: Thu Nov 5 and Wed Nov 11.
        (
            NOV_START,
            [
                (sh(2026, 11, 4, 10), sh(2026, 11, 5, 10)),
                (sh(2026, 11, 10, 10), sh(2026, 11, 11, 9)),
            ],
            None,
            Calendar(),
            end_of(2026, 11, 25),
        ),
        # Overlapping pauses count each day once: Thu, Fri, Mon, Tue (not Mon, Tue twice).
        (
            NOV_START,
            [
                (sh(2026, 11, 6, 10), sh(2026, 11, 10, 10)),
                (sh(2026, 11, 4, 10), sh(2026, 11, 9, 10)),
            ],
            None,
            Calendar(),
            end_of(2026, 11, 27),
        ),
        # Paused over National Day: only Oct 8 and 9 were working days in the pause.
        (
            sh(2026, 9, 28, 9),
            [(sh(2026, 9, 30, 10), sh(2026, 10, 9, 10))],
            None,
            Calendar(),
            end_of(2026, 10, 27),
        ),
        # Paused across the year end with an admin New Year holiday: Dec 31, Jan 4, Jan 5.
        (
            sh(2026, 12, 14, 9),
            [(sh(2026, 12, 30, 10), sh(2027, 1, 5, 10))],
            None,
            NEW_YEAR_2027_OFF,
            end_of(2027, 1, 8),
        ),
    ],
)
def test_deadline_with_pauses(start, pauses, open_until, calendar, due):
    assert deadline_with_pauses(start, 15, pauses, calendar=calendar, now=open_until) == due


@pytest.mark.parametrize(
    ("due_at", "now", "expected"),
    [
        (None, sh(2030, 1, 1), False),  # no deadline set yet
        (end_of(2026, 11, 30), end_of(2026, 11, 30), False),  # the last instant still counts
        (end_of(2026, 11, 30), sh(2026, 12, 1, hour=0), True),
        (end_of(2026, 11, 30), sh(2026, 11, 30, hour=23), False),
    ],
)
def test_is_overdue(due_at, now, expected):
    assert is_overdue(due_at, now=now) is expected


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: working_days_after(datetime(2026, 11, 27, 15), 1), "timezone-aware"),  # noqa: DTZ001 (naive on purpose)
        (lambda: working_days_after(sh(2026, 11, 27), -1), "days"),
    ],
)
def test_rejects_programming_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()
