"""The period a report covers: `from` and `to` as Shanghai calendar dates, both inclusive.

Statistics and the ledger cover the complaints SUBMITTED in the period (their
`created_at`), whatever happened to them since, so a month's figures are about that
month's complaints and the same query always finds the same complaints. Without `from`
and `to` the period is the last 30 days up to today; with only one of them, the other
is 29 days away (a 30-day window), or today when that would pass it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pydantic import Field

from server.clock import SHANGHAI, as_utc
from server.errors import validation_error
from server.services.common.args import parse
from server.services.common.fields import Day, Form

DEFAULT_DAYS = 30
# Beyond these a date cannot be a complaint's (and date arithmetic would overflow).
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)
ReportDay = Day(EARLIEST, LATEST)


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


class PeriodArgs(Form):
    """`?from=YYYY-MM-DD&to=YYYY-MM-DD` (Shanghai dates, both inclusive)."""

    first: ReportDay = Field(
        None, alias="from", description="开始日期 YYYY-MM-DD（上海时间，含当天；默认 30 天前）"
    )
    last: ReportDay = Field(None, alias="to", description="结束日期 YYYY-MM-DD（含当天；默认今天）")


def period_args(args):
    """{"first", "last"} (dates or None) from a query mapping; 400 naming a bad one."""
    return parse(PeriodArgs, args).model_dump(include={"first", "last"})


def report_period(first=None, last=None, *, today):
    """The Period from `first` to `last` (dates, either may be None); 400 if reversed."""
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
