"""The period a report covers: `from` and `to` as Shanghai calendar dates, both inclusive.

Statistics and the ledger cover the complaints SUBMITTED in the period (their
`created_at`), whatever happened to them since, so a month's figures are about that
month's complaints and the same query always finds the same complaints. Without `from`
and `to` the period is the last 30 days up to today; with only one of them, the other
is 29 days away (a 30-day window), or today when that would pass it.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from server.clock import SHANGHAI, as_utc
from server.errors import validation_error

DEFAULT_DAYS = 30
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Beyond these a date cannot be a complaint's (and date arithmetic would overflow).
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)


@dataclass(frozen=True)
class Period:
    """Shanghai dates `first`..`last` (inclusive) and the UTC instants [start, end) they span."""

    first: date
    last: date

    @property
    def start(self):
        """The first instant of `first` in Shanghai, as UTC."""
        return as_utc(datetime.combine(self.first, time(0), tzinfo=SHANGHAI))

    @property
    def end(self):
        """The first instant after `last` in Shanghai, as UTC (exclusive)."""
        return as_utc(datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=SHANGHAI))

    def as_query(self):
        """The MongoDB filter on `created_at` for complaints submitted in the period."""
        return {"created_at": {"$gte": self.start, "$lt": self.end}}


def _day(args, name, errors):
    """Argument `name` as a date, None when absent; records a Chinese reason if malformed."""
    raw = args.get(name)
    if raw in (None, ""):
        return None
    try:
        if DATE.match(raw.strip()):
            day = date.fromisoformat(raw.strip())
            if EARLIEST <= day <= LATEST:
                return day
    except ValueError:
        pass
    errors[name] = "日期应为 YYYY-MM-DD，如 2026-03-01"
    return None


def report_period(args, *, today):
    """The Period named by `from` and `to` in `args` (a mapping); 400 naming a bad one."""
    errors = {}
    first, last = _day(args, "from", errors), _day(args, "to", errors)
    if errors:
        raise validation_error(errors)
    window = timedelta(days=DEFAULT_DAYS - 1)
    if first is None and last is None:
        last = today
    if first is None:
        first = last - window
    if last is None:
        last = min(first + window, max(today, first))
    if first > last:
        raise validation_error({"from": "开始日期不能晚于结束日期"})
    return Period(first=first, last=last)


def today_in_shanghai(now):
    """The Shanghai calendar date of `now`."""
    return as_utc(now).astimezone(SHANGHAI).date()
