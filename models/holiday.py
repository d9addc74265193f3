"""Days admins add to China's official calendar: extra days off and make-up workdays.

chinese_calendar only knows the years it was released with (2026 in 1.11.0); for a later
year the bureau adds the State Council's announced holidays here, and a local decision
(a county's own day off) works the same way for any year.
"""

from mongoengine import StringField

from models.base import BaseDocument
from models.choices import CALENDAR_DAY_KINDS


class Holiday(BaseDocument):
    """One Shanghai calendar date that is a day off (`holiday`) or a working day (`workday`)."""

    day = StringField(required=True, unique=True, regex=r"^\d{4}-\d{2}-\d{2}$")  # ISO date
    kind = StringField(required=True, choices=list(CALENDAR_DAY_KINDS), default="holiday")
    name = StringField(max_length=60)  # e.g. 元旦
    created_by = StringField()

    meta = {"collection": "holidays", "ordering": ["day"]}
