"""Statistics (统计) with server-drawn SVG charts, and the complaint ledger (台账) download.

The figures are `server.services.reports.stats.complaint_stats` for the period and the account's
scope (a handler: own queues), exactly what GET /stats answers; the ledger is
`server.services.reports.complaint_ledger` with its own export roles.
"""

from flask import Response, request

from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_CHANNELS,
    COMPLAINT_STATUSES,
    RATING_SCORES,
    label,
)
from server.clock import utcnow
from server.console import charts, pages
from server.console.signin import current_staff, roles_required
from server.deadline_context import current_deadlines
from server.services.admin import active_queues
from server.services.common import period_args, report_period, today_in_shanghai
from server.services.permissions import may
from server.services.reports import complaint_stats, export_ledger, ledger_args

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labelled(counts, table):
    """{code: n} as [(label, n)], largest first, codes never seen left out."""
    rows = [(label(table, code), n) for code, n in (counts or {}).items() if n]
    return sorted(rows, key=lambda row: -row[1])


def _charts(figures):
    """The page's SVG charts from the statistics."""
    queue_names = {queue.key: queue.name for queue in active_queues()}
    queues = {queue_names.get(key, key): n for key, n in (figures.get("by_queue") or {}).items()}
    institutions = [
        (row.get("name") or "（未填写名称）", row.get("count") or 0)
        for row in figures.get("by_institution") or []
    ]
    satisfaction = [
        (label(RATING_SCORES, code), n) for code, n in (figures.get("satisfaction") or {}).items()
    ]
    on_time = figures.get("on_time") or {}
    return {
        "category": charts.bar_chart(
            _labelled(figures.get("by_category"), COMPLAINT_CATEGORIES), title="按类别"
        ),
        "status": charts.bar_chart(
            _labelled(figures.get("by_status"), COMPLAINT_STATUSES), title="按状态"
        ),
        "queue": charts.bar_chart(sorted(queues.items(), key=lambda r: -r[1]), title="按队列"),
        "district": charts.bar_chart(
            list((figures.get("by_district") or {}).items()), title="按乡镇/街道"
        ),
        "channel": charts.bar_chart(
            _labelled(figures.get("by_channel"), COMPLAINT_CHANNELS), title="按来源渠道"
        ),
        "institution": charts.bar_chart(institutions, label_width=220, title="投诉最多的机构"),
        "satisfaction": charts.stacked_bar(satisfaction, title="满意度"),
        "accept_rate": charts.rate_bar(on_time.get("accept"), title="按期受理率"),
        "resolve_rate": charts.rate_bar(on_time.get("resolve"), title="按期办结率"),
    }


def index():
    """The statistics of a period (default: the last 30 days) with charts."""
    now = utcnow()
    period = report_period(**period_args(request.args), today=today_in_shanghai(now))
    staff = current_staff()
    figures = complaint_stats(period, actor=staff, calendar=current_deadlines().calendar, now=now)
    return pages.page(
        "console/stats.html",
        title="统计",
        s=figures,
        charts=_charts(figures),
        can_export=may(staff, "export_ledger"),
    )


@roles_required(can="export_ledger")
def ledger():
    """The complaint ledger of the period as .xlsx (default) or .csv; never a phone number."""
    body, content_type, disposition = export_ledger(
        **ledger_args(request.args),
        actor=current_staff(),
        calendar=current_deadlines().calendar,
        now=utcnow(),
    )
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = disposition
    return response


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/stats", "stats", index)
    blueprint.add_url_rule("/stats/ledger", "stats_ledger", ledger)
