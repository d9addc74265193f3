"""A complaint's timing as reports judge it: days taken, on time, late, or nothing to judge."""

from datetime import UTC, date, datetime, timedelta

import pytest

from server.services.deadlines import timing_of
from server.services.deadlines.working_days import SHANGHAI, Calendar

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CALENDAR = Calendar(extra_holidays=frozenset({date(2026, 3, 13)}))


def sh(day, hour=10):
    """A moment of March 2026 in Shanghai, as UTC."""
    return datetime(2026, 3, day, hour, tzinfo=SHANGHAI).astimezone(UTC)


def end(day):
    return datetime(2026, 3, day, 23, 59, 59, 999000, tzinfo=SHANGHAI).astimezone(UTC)


def timing(status, **fields):
    raw = {"status": status, "created_at": sh(2, 9), "accept_due_at": end(3)}
    raw.update(fields)
    return timing_of(raw, calendar=CALENDAR, now=NOW)


def test_accepted_at_the_last_instant_is_on_time():
    assert timing("accepted", accepted_at=end(3)).accepted_on_time is True
    late = timing("accepted", accepted_at=end(3) + timedelta(milliseconds=1))
    assert (late.accepted_on_time, late.accept_days) == (False, 2)


@pytest.mark.parametrize("status", ["rejected", "merged"])
def test_rejected_or_merged_before_acceptance_is_not_judged(status):
    result = timing(status, resolve_due_at=end(20))
    assert result.accepted_on_time is None
    assert result.resolved_on_time is None
    assert result.overdue is False


def test_waiting_past_the_deadline_is_already_late():
    result = timing("submitted")
    assert (result.accepted_on_time, result.overdue) == (False, True)
    assert timing("submitted", accept_due_at=NOW + timedelta(days=1)).accepted_on_time is None


def test_a_pause_over_the_admins_holiday_moves_the_deadline_by_its_working_days_only():
    fields = {
        "accepted_at": sh(3),
        "resolve_due_at": end(25),
        "resolved_at": sh(26),
        "pauses": [{"start": sh(12), "end": sh(16)}],  # 13th off: only the 16th counts
    }
    result = timing("resolved", **fields)
    assert result.resolved_on_time is True
    # 3-6, 9-12, 16-20, 23-26: 17 working days, one of them waiting for the parent.
    assert result.resolve_days == 16
    assert timing("resolved", **dict(fields, resolved_at=sh(27))).resolved_on_time is False


def test_still_being_handled_past_the_deadline_is_late_but_a_pause_holds_the_clock():
    late = timing("in_progress", accepted_at=sh(3), resolve_due_at=end(20))
    assert (late.resolved_on_time, late.overdue, late.resolve_days) == (False, True, None)
    waiting = timing(
        "need_info",
        accepted_at=sh(3),
        resolve_due_at=NOW + timedelta(days=2),
        pauses=[{"start": NOW - timedelta(days=1), "end": None}],
    )
    assert (waiting.resolved_on_time, waiting.overdue) == (None, False)
