"""What GET /stats answers, declared once: the statistics and their Swagger model."""

from typing import Literal

from pydantic import Field

from server.services.common import Counts, Date, Rates, Shape, described


class InstitutionCount(Shape):
    """Complaints about one institution (an unlisted one: `id` null, the name parents wrote)."""

    id: described(str | None, "未入库机构为 null")
    name: str
    count: int


class OnTimeCount(Shape):
    """Complaints handled by their deadline and after it."""

    on_time: int
    late: int


class OnTimeCounts(Shape):
    """The on-time counts of accepting and of resolving."""

    accept: OnTimeCount
    resolve: OnTimeCount


class DaySummary(Shape):
    """Working days taken: mean and median (null when nothing to count)."""

    mean: float | None
    median: float | None


class Days(Shape):
    """Working days to accept and to resolve."""

    accept: DaySummary
    resolve: DaySummary


class RectificationCounts(Shape):
    """The rectifications open now, and how many of them are past due."""

    open: int
    overdue: int


class WarningCounts(Shape):
    """Early warnings: opened in the period, and by status now."""

    opened: described(int, "期间新开的预警")
    open: int
    acknowledged: int
    closed: int


class Stats(Shape):
    """The statistics of the complaints submitted in a period."""

    first: Date = Field(alias="from")
    last: Date = Field(alias="to")
    scope: Literal["all", "own_queues"]
    total: int
    by_category: Counts
    by_status: Counts
    by_queue: Counts
    by_district: Counts
    by_channel: Counts
    by_institution: list[InstitutionCount]
    on_time: described(Rates, "按期率 0..1，无数据为 null")
    on_time_counts: OnTimeCounts
    days: Days
    overdue: int
    satisfaction: Counts
    satisfaction_share: Rates
    rectifications: RectificationCounts
    warnings: WarningCounts
