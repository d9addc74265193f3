"""The suite's own guard that time stays an input (issue 10).

No test reads the wall clock; every test runs with the app clock at its `now`; the modules
whose rules depend on the time of day run at several hours of one day. If a clock rule only
holds at some hours, those runs fail whatever hour the machine's clock shows.
"""

import importlib
import re
from pathlib import Path

import pytest
from chinese_calendar import is_workday

from server.clock import SHANGHAI
from tests.conftest import FIXED_NOW, HOURS_OF_ONE_DAY

TESTS = Path(__file__).resolve().parents[1]
# Reading these in a test ties it to the hour it runs at (this file is not scanned).
WALL_CLOCK_READS = re.compile(r"\b(datetime\.now|datetime\.utcnow|date\.today|time\.time)\(")
APP_CLOCK_READ = re.compile(r"\butcnow\(\)")  # test modules take `now` from the fixture
SEAM_CHECKS = {"test_hours_of_the_day.py"}  # reads utcnow() to check the seam itself
# Modules with a rule that depends on the hour, the weekday or the date.
TIME_DEPENDENT = (
    "tests.api.test_sweeps",
    "tests.api.test_outbox_worker",
    "tests.api.test_deadlines_api",
    "tests.api.test_rectifications",
    "tests.api.test_time_windows",
    "tests.api.test_followups",
    "tests.api.test_retention",
    "tests.api.test_staff_complaints",
    "tests.unit.test_hours_of_the_day",
)


def source_files():
    """Every Python file of the suite but this one."""
    return [path for path in TESTS.rglob("*.py") if path != Path(__file__).resolve()]


def test_no_test_reads_the_wall_clock():
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in source_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK_READS.search(line)
        or (
            path.name.startswith("test_")
            and path.name not in SEAM_CHECKS
            and APP_CLOCK_READ.search(line)
        )
    ]
    assert found == []


@pytest.mark.parametrize("module", TIME_DEPENDENT)
def test_the_time_dependent_modules_run_at_several_hours(module):
    marks = getattr(importlib.import_module(module), "pytestmark", [])
    marks = marks if isinstance(marks, list) else [marks]
    assert "hours_of_the_day" in {mark.name for mark in marks}


def test_the_hours_straddle_the_shanghai_edges():
    assert [instant.hour for instant in HOURS_OF_ONE_DAY] == [2, 9, 15, 19]
    local_hours = {instant.astimezone(SHANGHAI).hour for instant in HOURS_OF_ONE_DAY}
    assert any(hour < 14 for hour in local_hours)
    assert any(hour >= 14 for hour in local_hours)
    local_dates = {instant.astimezone(SHANGHAI).date() for instant in HOURS_OF_ONE_DAY}
    assert len(local_dates) == 2  # one run lies past Shanghai midnight


def test_the_default_instant_is_a_plain_working_morning():
    local = FIXED_NOW.astimezone(SHANGHAI)
    assert local.strftime("%a %H:%M") == "Tue 10:07"
    assert is_workday(local.date())
