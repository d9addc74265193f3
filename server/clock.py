"""Time: UTC in storage, Asia/Shanghai for display and for working-day arithmetic."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def utcnow():
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


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
    """Parse a client's ISO 8601 time; a time without offset is Shanghai time. None if bad."""
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=SHANGHAI)
    return value.astimezone(UTC)
