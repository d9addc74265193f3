"""Working-day deadlines: calendar, holidays, SLA rules, timing, sweeps.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.deadlines.sla import (
    CLOCK_FIELDS,
    WORKING_STATUSES,
    DeadlineRules,
    clock_facts,
    clock_of,
    initial_deadlines,
)
from server.services.deadlines.stored import (
    FACT_FIELDS,
    MARKERS,
    STAGE_DONE,
    STAGE_OVERDUE,
    STAGE_REMIND,
    STORED,
    SWEPT_STATUSES,
    as_update,
    facts_after,
    facts_of_raw,
    stored_fields,
)
from server.services.deadlines.timing import TIMING_FIELDS, timing_of
from server.services.deadlines.working_days import Calendar, working_days_after, working_days_left

__all__ = [
    "as_update",
    "Calendar",
    "clock_facts",
    "CLOCK_FIELDS",
    "clock_of",
    "DeadlineRules",
    "FACT_FIELDS",
    "facts_after",
    "facts_of_raw",
    "initial_deadlines",
    "MARKERS",
    "STAGE_DONE",
    "STAGE_OVERDUE",
    "STAGE_REMIND",
    "STORED",
    "stored_fields",
    "SWEPT_STATUSES",
    "TIMING_FIELDS",
    "timing_of",
    "working_days_after",
    "working_days_left",
    "WORKING_STATUSES",
]
