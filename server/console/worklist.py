"""The complaint list: filters kept in the URL, sortable columns, export of what it shows.

The query string is read once by the complaints service's `list_args` into typed keywords and
the list comes from `list_complaints` with the signed-in account, so a handler's list and
export hold only their queues. The raw arguments travel back into every link (pager,
column headers, export) so a filtered list can be bookmarked and shared.
"""

from flask import request

from models.choices import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES
from server.api_support import attachment
from server.console import pages
from server.console.complaints import clock
from server.console.signin import current_staff
from server.errors import AppError
from server.services.archive import get_institution
from server.services.common import page_args
from server.services.complaints import handlers_seen_by, list_args, list_complaints, visible_queues
from server.services.directory import meta
from server.services.reports import EXPORT_LIMIT, complaint_list_xlsx

FILTER_ARGS = (
    "queue",
    "status",
    "assignee",
    "category",
    "district",
    "institution_id",
    "from",
    "to",
    "overdue",
    "due_soon",
    "news",
    "q",
    "sort",
)
# column -> sort name (the header links toggle between it and its reverse)
SORTABLE = {
    "no": "no",
    "status": "status",
    "category": "category",
    "due": "due",
    "created": "created",
}
STATUS_CHOICES = {"open": "未办结（全部）", **COMPLAINT_STATUSES}


def raw_args():
    """The list's query arguments as given (non-empty ones), for links back to this list."""
    given = {name: request.args.get(name, "").strip() for name in FILTER_ARGS}
    return {name: value for name, value in given.items() if value}


def _chosen_institution(args):
    """The filtered institution's name (the picker shows it), or None."""
    if not args.get("institution_id"):
        return None
    try:
        return get_institution(args["institution_id"], actor=current_staff())
    except AppError:  # deleted since the link was made: the list is simply empty
        return None


def index():
    """Complaints the account may see, filtered, sorted and paged as the URL says."""
    staff = current_staff()
    args = raw_args()
    wanted = list_args(args, me=staff)
    page, per_page = page_args(request.args)
    result = list_complaints(staff, page=page, per_page=per_page, **wanted, **clock())
    return pages.page(
        "console/complaints.html",
        title="投诉列表",
        result=result,
        args=args,
        sort=wanted["sort"],
        sortable=SORTABLE,
        queues=visible_queues(staff),
        handlers=handlers_seen_by(staff),
        statuses=STATUS_CHOICES,
        categories=COMPLAINT_CATEGORIES,
        districts=meta()["districts"],
        institution=_chosen_institution(args),
    )


def export():
    """The filtered list (all its pages, up to EXPORT_LIMIT rows) as an .xlsx file."""
    staff = current_staff()
    wanted = list_args(raw_args(), me=staff)
    result = list_complaints(staff, page=1, per_page=EXPORT_LIMIT, **wanted, **clock())
    data, filename = complaint_list_xlsx(result["items"], now=clock()["now"])
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return attachment(data, media, filename)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/complaints", "complaints", index)
    blueprint.add_url_rule("/complaints/export", "complaints_export", export)
