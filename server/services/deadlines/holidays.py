"""Admin-added days off and make-up workdays, and the working-day `Calendar` they make.

Every deadline is computed with `load_calendar()`. Base dates are fixed when they are set
(filing, extension, reopening); what the calendar still moves afterwards is the working
days a need_info pause gives back, so adding or removing a day recomputes the stored
deadlines of the open complaints whose clock was paused (deadlines.stored).
"""

from datetime import date

from pydantic import Field

from models.choices import CALENDAR_DAY_KINDS
from models.holiday import Holiday
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services.admin.permissions import require
from server.services.common.fields import Choice, Day, Form, Text, check
from server.services.deadlines.working_days import Calendar


def parse_day(text):
    """An ISO date `YYYY-MM-DD` as a date; a validation error naming `date` otherwise."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise validation_error({"date": "日期格式应为 YYYY-MM-DD"}) from None


class DayInput(Form):
    """POST /holidays: a day off or a make-up workday."""

    reasons = {"date": "日期格式应为 YYYY-MM-DD", "kind": "只能是 holiday 或 workday"}
    day: Day(date(2000, 1, 1), date(2999, 12, 31), "日期格式应为 YYYY-MM-DD") = Field(alias="date")
    kind: Choice(CALENDAR_DAY_KINDS) = "holiday"
    name: Text(60) | None = None


def load_calendar():
    """Official working days plus every day admins added."""
    holidays, workdays = set(), set()
    for day, kind in Holiday.objects.scalar("day", "kind"):
        (holidays if kind == "holiday" else workdays).add(date.fromisoformat(day))
    return Calendar(extra_holidays=frozenset(holidays), extra_workdays=frozenset(workdays))


def _calendar_changed(now):
    from server.services.deadlines import stored  # stored reads the calendar from here

    stored.after_calendar_change(now=now or utcnow())


def add_day(day, *, actor, kind="holiday", name=None, now=None):
    """Record `day` as a day off or a make-up workday (replacing an earlier entry for it);
    `manage_holidays` only."""
    by = require(actor, "manage_holidays").username
    found = check(DayInput, {"date": day, "kind": kind, "name": name})
    if found.day is None:
        raise validation_error({"date": DayInput.reasons["date"]})
    text, kind, name = found.day.isoformat(), found.kind or "holiday", found.name or None
    Holiday.objects(day=text).update_one(
        set__kind=kind, set__name=name, set__created_by=by, upsert=True
    )
    _calendar_changed(now)
    return Holiday.objects.get(day=text)


def remove_day(day, *, actor, now=None):
    """Forget an added day (`manage_holidays` only); 404 if it was never added."""
    require(actor, "manage_holidays")
    deleted = Holiday.objects(day=parse_day(day).isoformat()).delete()
    if not deleted:
        raise AppError("not_found")
    _calendar_changed(now)


def day_item(holiday):
    """The API shape of an added day."""
    return {
        "date": holiday.day,
        "kind": holiday.kind,
        "kind_label": CALENDAR_DAY_KINDS[holiday.kind],
        "name": holiday.name,
    }


def list_days(*, actor):
    """Every day admins added, by date, shaped for clients (any staff member)."""
    require(actor)
    return [day_item(day) for day in Holiday.objects.order_by("day")]
