"""Working-day arithmetic for complaint deadlines (accept in 1, resolve in 15 working days).

Pure functions: no Flask, no database. Times come in and go out as timezone-aware UTC
datetimes; days are counted on the Asia/Shanghai calendar date, because that is the date
a parent and a handler see. Working days follow China's official calendar, including
make-up workdays (调休), via the `chinese_calendar` package. A year the package does not
know yet falls back to Monday-Friday, and admins' extra holidays and workdays (passed in by
the caller as a `Calendar`) apply on top of either, so no year ever raises.

Rules, in one place:
- A deadline of N working days ends at 23:59:59.999 Shanghai time on the Nth working day
  after the start's local date (12345-hotline style: a report filed at any hour on Friday
  with N=1 is due by the end of Monday). N=0 means the end of the start's own local day.
- Working days between two moments: working days d with start_date < d <= end_date (local
  dates), so `working_days_between(t, working_days_after(t, n)) == n`.
- A pause (`need_info`) extends the deadline by the working days inside it, counted the
  same way; see `deadline_with_pauses`.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import chinese_calendar

from server.clock import SHANGHAI

# Milliseconds, not microseconds: BSON stores milliseconds, so this value survives a
# round trip through MongoDB unchanged and stored deadlines compare equal to computed ones.
END_OF_DAY = time(23, 59, 59, 999000)


@lru_cache(maxsize=8192)
def _official_workday(day: date) -> bool | None:
    """China's official answer for `day`, or None when the package does not know the year."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # chinese_calendar raises for years beyond its data (2027+ in 1.11.0); a
        # complaint must still get a deadline, so the caller falls back to weekdays.
        return None


@dataclass(frozen=True)
class Calendar:
    """Official working days plus the days admins add; hashable, so safe as a default."""

    extra_holidays: frozenset[date] = frozenset()  # admin-added days off, any year
    extra_workdays: frozenset[date] = frozenset()  # admin-added make-up workdays, any year

    def is_workday(self, day: date) -> bool:
        """Whether staff work on `day` (a Shanghai calendar date)."""
        # An admin's day off wins over everything: it is the deliberate, local decision.
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        official = _official_workday(day)
        if official is None:
            return day.weekday() < 5
        return official


def _local_date(moment: datetime) -> date:
    """The Shanghai calendar date of an aware datetime."""
    if moment.tzinfo is None:
        # A naive value is ambiguous (UTC from MongoDB? local from now()?): an 8-hour
        # error would silently move deadlines by a day, so refuse it loudly instead.
        raise ValueError("datetime must be timezone-aware (store and pass UTC)")
    return moment.astimezone(SHANGHAI).date()


def _end_of_local_day(day: date) -> datetime:
    """The last stored instant of a Shanghai date, in UTC."""
    return datetime.combine(day, END_OF_DAY, tzinfo=SHANGHAI).astimezone(UTC)


def working_days_after(start: datetime, days: int, *, calendar: Calendar = Calendar()) -> datetime:
    """End of the `days`-th working day after `start`'s Shanghai date, as aware UTC."""
    if days < 0:
        raise ValueError("days must be >= 0")
    day = _local_date(start)
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            remaining -= 1
    return _end_of_local_day(day)


def working_days_between(start: datetime, end: datetime, *, calendar: Calendar = Calendar()) -> int:
    """Working days d with start's local date < d <= end's local date; 0 if end <= start.

    Whole days, not fractions: a report handled the same day took 0 working days, one
    handled on the next working day took 1, matching how deadlines are counted.
    """
    if end <= start:
        return 0
    first, last = _local_date(start), _local_date(end)
    count = 0
    day = first + timedelta(days=1)
    while day <= last:
        count += calendar.is_workday(day)
        day += timedelta(days=1)
    return count


def deadline_with_pauses(
    start: datetime,
    days: int,
    pauses: list[tuple[datetime, datetime | None]],
    *,
    calendar: Calendar = Calendar(),
    now: datetime | None = None,
) -> datetime:
    """The deadline after stopping the clock while the complaint waited for the parent.

    Each pause (began, ended) adds `working_days_between(began, ended)` working days to
    `days`: the working days whose date lies after the pause's first local date, up to and
    including its last. A pause that opens and closes on the same day adds nothing; one
    from Friday afternoon to Monday morning adds Monday. A pause still open (ended None)
    runs until `now` (the caller's clock), so the deadline moves while it waits.
    Overlapping pauses are merged first so no day is counted twice.
    """
    paused = paused_working_days(pauses, calendar=calendar, now=now)
    return working_days_after(start, days + paused, calendar=calendar)


def paused_working_days(
    pauses: list[tuple[datetime, datetime | None]],
    *,
    calendar: Calendar = Calendar(),
    now: datetime | None = None,
) -> int:
    """Working days the clock stood still in `pauses`, counted as `deadline_with_pauses` does.

    A pause still open (ended None) runs until `now` (the caller's clock: required then);
    overlapping pauses are merged first so no day is counted twice.
    """
    if now is None and any(ended is None for _, ended in pauses):
        raise ValueError("an open pause needs `now`: deadlines never read the clock")
    intervals = sorted((began, ended if ended is not None else now) for began, ended in pauses)
    merged: list[tuple[datetime, datetime]] = []
    for began, ended in intervals:
        if merged and began <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], ended))
        else:
            merged.append((began, ended))
    return sum(working_days_between(b, e, calendar=calendar) for b, e in merged)


def working_days_left(due_at, *, calendar=Calendar(), now):
    """Working days until `due_at` (0: due today), negative once passed; None if no deadline."""
    if due_at is None:
        return None
    if due_at >= now:
        return working_days_between(now, due_at, calendar=calendar)
    return -max(1, working_days_between(due_at, now, calendar=calendar))


def is_overdue(due_at: datetime | None, *, now: datetime) -> bool:
    """Whether a deadline has passed; a complaint without a deadline is never overdue."""
    return due_at is not None and now > due_at
