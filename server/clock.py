"""Time: UTC in storage, Asia/Shanghai for display and for working-day arithmetic.

Time is an input. Each app has a `Clock` (`app.extensions["clock"]`); `utcnow()` reads the
current app's clock, so request handlers, the worker round and every service default
(`now or utcnow()`) share one source that a test can set to any instant. Outside an app
context it is the wall clock. This module knows nothing of Flask: the app tells it how to
find the current app's clock (`find_clock_with`, server/app_clock.py).
"""

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock:
    """The wall clock, or one set to an instant that runs on from there (or stands still)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen = None

    def now(self):
        """The current time by this clock, timezone-aware UTC."""
        frozen = self._frozen
        return frozen if frozen is not None else datetime.now(UTC) + self._offset

    def set(self, instant, *, frozen=False):
        """From now on read `instant` (aware), standing still if `frozen`, else running on."""
        instant = as_utc(instant)
        with self._lock:
            self._frozen = instant if frozen else None
            self._offset = instant - datetime.now(UTC)

    def advance(self, delta):
        """Move this clock forward by `delta` (a timedelta)."""
        with self._lock:
            if self._frozen is not None:
                self._frozen += delta
            self._offset += delta

    def reset(self):
        """Back to the wall clock."""
        with self._lock:
            self._frozen, self._offset = None, timedelta(0)


WALL_CLOCK = Clock()
_finder = None  # () -> the current app's Clock or None; set by the app (server/app_clock.py)


def find_clock_with(finder):
    """Read the current clock through `finder` (returns a Clock, or None for none)."""
    global _finder
    _finder = finder


def current_clock():
    """The current app's clock, or the wall clock outside an app context."""
    found = _finder() if _finder is not None else None
    return found or WALL_CLOCK


def utcnow():
    """The current time by the current app's clock, timezone-aware UTC."""
    return current_clock().now()


def expiry_after(now, ttl):
    """When a record kept for `ttl` after `now` may go: a TTL index deletes by the store's
    own wall clock, so a back-dated `now` (demo history, a test's fixed instant) must not
    make a live counter or window vanish at once."""
    return max(as_utc(now), datetime.now(UTC)) + ttl


def as_utc(value):
    """`value` as aware UTC; naive datetimes from the store are taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso(value):
    """ISO 8601 with the Shanghai offset, how every time is shown to clients."""
    if value is None:
        return None
    return as_utc(value).astimezone(SHANGHAI).isoformat(timespec="seconds")


def parse_iso(text):
    """Parse a client's ISO 8601 time; a time without offset is Shanghai time. None if bad,
    and None too for one that names no instant a datetime holds (0001-01-01T00:00+14:00)."""
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        if value.tzinfo is None:
            value = value.replace(tzinfo=SHANGHAI)
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
