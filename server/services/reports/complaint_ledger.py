"""The complaint ledger (投诉台账): one row per complaint submitted in a period, for Excel.

Rows come from one pipeline ($match on `created_at`, $sort, $project of the fields a row
shows) read as a cursor, so a year's ledger never sits in memory as documents; names of
queues, staff and institutions are looked up once. The parent's phone, openid and photos
are never read, so they cannot reach a row. Timing columns come from `complaint_timing`,
the same source as the statistics. `ledger_export` writes the rows as xlsx (write-only
workbook, frozen header, filter, column widths) or csv (UTF-8 with BOM, so Excel opens
the Chinese correctly); both neutralise text that a spreadsheet would run as a formula.
"""

from dataclasses import dataclass

from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_CHANNELS,
    COMPLAINT_OUTCOMES,
    COMPLAINT_STATUSES,
    RATING_SCORES,
    label,
)
from models.institution import Institution
from models.queue import Queue
from models.staff import Staff
from server.clock import SHANGHAI, as_utc
from server.errors import validation_error
from server.services.complaints import institutions_of, oldest_first
from server.services.deadlines import TIMING_FIELDS, timing_of
from server.services.reports.stats import period_match

YES_NO = {True: "是", False: "否", None: None}
FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class Column:
    """A ledger column: Chinese header, width in Excel characters, and kind of value."""

    header: str
    width: int
    kind: str = "text"  # text | time | number


COLUMNS = [
    Column("投诉编号", 17),
    Column("提交时间", 17, "time"),
    Column("受理时间", 17, "time"),
    Column("办结时间", 17, "time"),
    Column("投诉类别", 18),
    Column("涉及机构", 28),
    Column("乡镇（街道）", 12),
    Column("承办队列", 16),
    Column("承办人", 10),
    Column("状态", 10),
    Column("办理结果", 10),
    Column("处理措施", 40),
    Column("受理用时（工作日）", 10, "number"),
    Column("办结用时（工作日）", 10, "number"),
    Column("按期受理", 9),
    Column("按期办结", 9),
    Column("家长评价", 9),
    Column("备注", 30),
    Column("来源渠道", 12),
]

ROW_FIELDS = (
    "no",
    "channel",
    "category",
    "institution",
    "institution_name",
    "district",
    "queue",
    "assignee",
    "status",
    "outcome",
    "measures",
    "merged_into",
    "rating.score",
    "audit.action",
    "audit.detail.reason",
    *TIMING_FIELDS,
)


def check_format(value):
    """`format` of the export (xlsx when absent); 400 naming `format` otherwise."""
    value = value or "xlsx"
    if value not in FORMATS:
        raise validation_error({"format": "只能是 xlsx 或 csv"})
    return value


class _Names:
    """Queue, staff and institution names by id, each read in one query per export."""

    def __init__(self, match, actor):
        self.queues = dict(Queue.objects.scalar("id", "name"))
        self.staff = {
            pk: name or username
            for pk, name, username in Staff.objects.scalar("id", "name", "username")
        }
        ids = institutions_of(match, actor=actor)
        self.institutions = dict(Institution.objects(id__in=ids).scalar("id", "name"))

    def institution(self, raw):
        """The archive name of a listed institution, or the free text for an unlisted one."""
        return self.institutions.get(raw.get("institution")) or raw.get("institution_name")


def _remark(raw):
    """Why a complaint ended without a resolution of its own: merged into, or rejected for."""
    if raw.get("status") == "merged" and raw.get("merged_into"):
        return "并入投诉 " + raw["merged_into"]
    if raw.get("status") == "rejected":
        reasons = [
            (entry.get("detail") or {}).get("reason")
            for entry in raw.get("audit") or []
            if entry.get("action") == "reject"
        ]
        if reasons and reasons[-1]:
            return "不予受理理由：" + reasons[-1]
    return ""


def _local(value):
    """A stored time as a naive Shanghai datetime (what a spreadsheet cell shows)."""
    value = as_utc(value)
    return value.astimezone(SHANGHAI).replace(tzinfo=None) if value else None


def _row(raw, names, *, calendar, now):
    """One ledger row, in COLUMNS order; None for an empty cell."""
    timing = timing_of(raw, calendar=calendar, now=now)
    rating = (raw.get("rating") or {}).get("score")
    row = [
        raw.get("no"),
        _local(raw.get("created_at")),
        _local(raw.get("accepted_at")),
        _local(raw.get("resolved_at")),
        label(COMPLAINT_CATEGORIES, raw.get("category")),
        names.institution(raw),
        raw.get("district"),
        names.queues.get(raw.get("queue")),
        names.staff.get(raw.get("assignee")),
        label(COMPLAINT_STATUSES, raw.get("status")),
        label(COMPLAINT_OUTCOMES, raw["outcome"]) if raw.get("outcome") else None,
        raw.get("measures"),
        timing.accept_days,
        timing.resolve_days,
        YES_NO[timing.accepted_on_time],
        YES_NO[timing.resolved_on_time],
        label(RATING_SCORES, rating) if rating else None,
        _remark(raw),
        label(COMPLAINT_CHANNELS, raw.get("channel") or "mini_program"),
    ]
    return [None if value == "" else value for value in row]


def ledger_rows(period, *, actor, calendar, now):
    """The ledger's rows (lists in COLUMNS order), oldest complaint first: those `actor` may
    see."""
    match = period_match(period)
    names = _Names(match, actor)
    for raw in oldest_first(match, ROW_FIELDS, actor=actor):
        yield _row(raw, names, calendar=calendar, now=now)
