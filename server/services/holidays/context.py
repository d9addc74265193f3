"""The deadline context of one app: SLA rules and the working-day calendar, built once.

Services take `calendar` and `rules` as arguments; the app builds one `Deadlines` at start
(app.extensions["deadlines"]) and hands its values to them, instead of every request
reading every admin-added day and parsing the settings again. The calendar is rebuilt only
when the days' stamp (one small document, replaced on every add or remove) moved, so a
change made in any process (another web worker, the CLI) counts at once everywhere.
"""

import threading

from server.services.holidays.days import calendar_stamp, load_calendar

UNSET = object()


class Deadlines:
    """SLA `rules` and the current working-day `calendar` of one app."""

    def __init__(self, rules):
        self.rules = rules
        self._calendar = None
        self._stamp = UNSET
        self._lock = threading.Lock()

    @property
    def calendar(self):
        """The working-day calendar, rebuilt when an admin changed the days."""
        stamp = calendar_stamp()
        calendar = self._calendar
        if calendar is None or stamp != self._stamp:
            calendar = self.reload(stamp)
        return calendar

    def reload(self, stamp=UNSET):
        """Read the admin-added days again (after a change); the new calendar."""
        with self._lock:
            self._stamp = calendar_stamp() if stamp is UNSET else stamp
            self._calendar = load_calendar()
            return self._calendar

    def options(self):
        """{"calendar", "rules"}: the keywords deadline-aware services take."""
        return {"calendar": self.calendar, "rules": self.rules}
