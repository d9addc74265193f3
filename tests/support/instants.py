"""Fixed instants for time-dependent tests, at the edges where clock rules change.

`at_edges` parametrises a test's `now` fixture (the instant the app clock is set to) over
the Shanghai times where a rule could tip: midnight, the start of office hours, 14:00 (from
there "now + 10 h" is on the next local day), 20:30 (offline lessons must end), the last
minute of a day, a Friday evening before a weekend, the eve of National Day and a make-up
workday (调休) of 2026, all in a year the chinese_calendar package knows. `at_one_instant`
keeps a slow test of an `hours_of_the_day` module to the default instant.
"""

from datetime import UTC, datetime, time, timedelta

import pytest

from server.clock import SHANGHAI
from tests.conftest import FIXED_NOW


def shanghai(year, month, day, hour=0, minute=0):
    """A Shanghai wall time as an aware UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


EDGES = {
    "tue-0000": shanghai(2026, 6, 9, 0, 0),
    "tue-0859": shanghai(2026, 6, 9, 8, 59),
    "tue-0900": shanghai(2026, 6, 9, 9, 0),
    "tue-1400": shanghai(2026, 6, 9, 14, 0),
    "tue-2030": shanghai(2026, 6, 9, 20, 30),
    "tue-2359": shanghai(2026, 6, 9, 23, 59),
    "fri-2030-before-weekend": shanghai(2026, 6, 12, 20, 30),
    "eve-of-national-day": shanghai(2026, 9, 30, 20, 30),
    "makeup-workday-sunday": shanghai(2026, 9, 20, 9, 0),  # 调休: Sunday worked for National Day
}

at_edges = pytest.mark.parametrize("now", list(EDGES.values()), ids=list(EDGES), indirect=True)
# For a slow test of an `hours_of_the_day` module whose rule does not turn on the hour.
at_one_instant = pytest.mark.parametrize("now", [FIXED_NOW], ids=["fixed"], indirect=True)


def end_of_local_day(instant, days=0):
    """The last stored millisecond of the Shanghai day `days` after `instant`'s, as UTC."""
    local = (instant.astimezone(SHANGHAI) + timedelta(days=days)).date()
    return datetime.combine(local, time(23, 59, 59, 999000), SHANGHAI).astimezone(UTC)


def local_date(instant, days=0):
    """The Shanghai date `days` after `instant`'s, as ISO text (what forms send)."""
    return (instant.astimezone(SHANGHAI) + timedelta(days=days)).date().isoformat()
