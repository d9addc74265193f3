"""Admin-added days off and make-up workdays, and the working-day `Calendar` they make.

Every deadline is computed over a calendar from `load_calendar()` (held per app by
holidays.context.Deadlines). Base dates are fixed when they are set (filing, extension,
reopening); what the calendar still moves afterwards is the working days a need_info
pause gives back, so adding or removing a day recomputes the stored deadlines of the
open complaints whose clock was paused (through the complaints package's face).
"""

import secrets
from datetime import date

from pydantic import Field, field_validator

from models.choices import CALENDAR_DAY_KINDS
from models.holiday import Holiday
from models.infra import Counter
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services.common import Choice, Day, Form, Shape, Text, check
from server.services.common import Date as ShapeDate
from server.services.complaints import after_calendar_change
from server.services.deadlines import Calendar
from server.services.permissions import require

STAMP_KEY = "holidays:stamp"  # a random value replaced on every change of the days


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

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_given(cls, value):
        """An explicit null is not a kind (the spec's `kind` is a string; leave it out)."""
        if value is None:
            raise ValueError("kind")
        return value


def calendar_stamp():
    """The stamp of the admin-added days: it changes with every add or remove (else None)."""
    found = Counter._get_collection().find_one({"_id": STAMP_KEY}, {"value": 1})
    return found and found.get("value")


def _new_stamp():
    Counter._get_collection().update_one(
        {"_id": STAMP_KEY}, {"$set": {"value": secrets.randbits(62)}}, upsert=True
    )


def load_calendar():
    """Official working days plus every day admins added."""
    holidays, workdays = set(), set()
    for day, kind in Holiday.objects.scalar("day", "kind"):
        (holidays if kind == "holiday" else workdays).add(date.fromisoformat(day))
    return Calendar(extra_holidays=frozenset(holidays), extra_workdays=frozenset(workdays))


def _calendar_changed(now, deadlines):
    """Stamp the change, reload the app's calendar (when given), date paused complaints again."""
    _new_stamp()
    calendar = deadlines.reload() if deadlines is not None else load_calendar()
    after_calendar_change(calendar=calendar, now=now or utcnow())


def add_day(day, *, actor, kind="holiday", name=None, now=None, deadlines=None):
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
    _calendar_changed(now, deadlines)
    return Holiday.objects.get(day=text)


def remove_day(day, *, actor, now=None, deadlines=None):
    """Forget an added day (`manage_holidays` only); 404 if it was never added."""
    require(actor, "manage_holidays")
    deleted = Holiday.objects(day=parse_day(day).isoformat()).delete()
    if not deleted:
        raise AppError("not_found")
    _calendar_changed(now, deadlines)


class CalendarDay(Shape):
    """A day admins added: a day off or a make-up workday."""

    date: ShapeDate
    kind: str
    kind_label: str
    name: str | None


def day_item(holiday):
    """The API shape of an added day."""
    return CalendarDay.answer(
        {
            "date": holiday.day,
            "kind": holiday.kind,
            "kind_label": CALENDAR_DAY_KINDS[holiday.kind],
            "name": holiday.name,
        }
    )


def list_days(*, actor):
    """Every day admins added, by date, shaped for clients (any staff member)."""
    require(actor, "work")
    return [day_item(day) for day in Holiday.objects.order_by("day")]
