"""The deadline calendar's admin-added days off and make-up workdays.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.holidays.context import Deadlines
from server.services.holidays.days import (
    CalendarDay,
    DayInput,
    add_day,
    day_item,
    list_days,
    load_calendar,
    remove_day,
)

__all__ = [
    "add_day",
    "CalendarDay",
    "day_item",
    "DayInput",
    "Deadlines",
    "list_days",
    "load_calendar",
    "remove_day",
]
