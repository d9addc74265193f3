"""The staff list's MongoDB filter and order, built from typed keyword arguments.

`complaint_filter(staff, queue=..., statuses=..., ...)` is the one place a staff list's
filter is made: what the caller may see, then each filter given. A new filter is one
more keyword here (and one table entry in the HTTP layer's parsing). The list's order is
overdue first, then urgent, then by due date, then by tracking number; overdue depends on
`now`, so the list is read in two `segments` (overdue, then the rest), each sorted by the
stored `urgent, due_at, no` and paged with skip/limit, and counted by `count_documents`.
Indexes (models.complaint): (-urgent, due_at, no) and the same behind queue or status.

`q` never scans: a tracking number (TS + at least the 8-digit date) is an anchored prefix
on `no`, an institution is looked up in the directory index (ids, then `institution $in`),
and an unlisted institution matches its exact free-text name.
"""

import re

from bson import ObjectId

from models.choices import COMPLAINT_STATUSES
from models.complaint import Complaint
from models.queue import Queue
from server.errors import validation_error
from server.services.complaints.scope import own_queue_ids, sees_all_queues
from server.services.directory import institution_ids

ORDER = ("-urgent", "due_at", "no")  # order_by; the indexes are in the docstring
TRACKING_PREFIX = re.compile(r"TS\d{8,12}")
INSTITUTION_LIMIT = 200  # institutions a search term may name (the first in list order)
Q_LIMIT = 50
SEARCH_LIMIT = 1000  # complaints one search term may find (a tracking day, an institution)


def queue_id(ref):
    """The id of a queue given by key or id; a validation error naming `queue` if unknown."""
    query = {"id": ref} if re.fullmatch(r"[0-9a-f]{24}", ref) else {"key": ref}
    found = Queue.objects(**query).scalar("id").first()
    if found is None:
        raise validation_error({"queue": "未知的队列"})
    return found


def _visible(staff):
    return None if sees_all_queues(staff) else own_queue_ids(staff)


def _search(text):
    """The `$or` branches a search term stands for (each served by an index)."""
    text = text.strip()[:Q_LIMIT]
    branches = []
    upper = text.upper()
    if TRACKING_PREFIX.fullmatch(upper):
        branches.append({"no": {"$regex": "^" + re.escape(upper)}})
    ids = [ObjectId(i) for i in institution_ids(text, limit=INSTITUTION_LIMIT)]
    if ids:
        branches.append({"institution": {"$in": ids}})
    branches.append({"institution_name": text})
    return branches


# keyword of `complaint_filter` -> the stored field it must equal
EQUAL_FILTERS = {
    "assignee": "assignee",
    "category": "category",
    "district": "district",
    "institution": "institution",
    "has_news": "has_news",
}
# filters a clerk combines freely; the list reads them without a dedicated index for each
ADHOC_FILTERS = frozenset(
    ("assignee", "category", "district", "has_news", "submitted_from", "submitted_before")
)
# sort name of the list's columns -> order_by fields ("-name" reverses every one of them)
COLUMN_SORTS = {
    "due": ORDER,  # "-due" only: the default "due" reads overdue first (`segments`)
    "news": ("-has_news", *ORDER),
    "no": ("no",),
    "status": ("status", "no"),
    "category": ("category", "no"),
    "created": ("created_at", "no"),
    "assignee": ("assignee", "no"),
}


def _queue_clause(queue):
    return queue if isinstance(queue, ObjectId) else queue_id(queue)


def _status_clause(statuses):
    if any(s not in COMPLAINT_STATUSES for s in statuses):
        raise validation_error({"status": "未知的状态"})
    return {"$in": list(statuses)}


def _institution_clause(institution_id):
    if not ObjectId.is_valid(institution_id):
        raise validation_error({"institution_id": "机构编号格式不正确"})
    return ObjectId(institution_id)


def _search_ids(term):
    """Ids of the complaints a search term finds (each `$or` branch served by its index);
    the list then filters and sorts those few by `_id`."""
    found = Complaint._get_collection().find({"$or": _search(term)}, {"_id": 1})
    return [doc["_id"] for doc in found.limit(SEARCH_LIMIT)]


def complaint_filter(staff, *, q=None, text=None, extra=None, **given):
    """The MongoDB filter of the complaints `staff` sees that match every filter given.

    Keywords: `queue` (key, id or ObjectId), `statuses` (codes), `institution_id` (an
    archive id) or `institution` (ObjectId), `assignee`, `category`, `district`,
    `has_news`, `submitted_from` / `submitted_before` (instants bounding `created_at`),
    `q` or `text` (a search term); `extra` one more clause (due soon). Overdue or not is
    chosen with `segments`.
    """
    clauses = []
    visible = _visible(staff)
    if visible is not None:
        clauses.append({"queue": {"$in": visible}})
    readers = {
        "queue": ("queue", _queue_clause),
        "statuses": ("status", _status_clause),
        "institution_id": ("institution", _institution_clause),
    }
    for keyword, (field, read) in readers.items():
        if given.get(keyword):
            clauses.append({field: read(given[keyword])})
    for keyword, field in EQUAL_FILTERS.items():
        if given.get(keyword) is not None:
            clauses.append({field: given[keyword]})
    dates = {"$gte": given.get("submitted_from"), "$lt": given.get("submitted_before")}
    dates = {op: value for op, value in dates.items() if value is not None}
    if dates:
        clauses.append({"created_at": dates})
    term = (q or text or "").strip()
    if term:
        clauses.append({"_id": {"$in": _search_ids(term)}})
    if extra:
        clauses.append(extra)
    return _joined(clauses)


def due_soon_clause(due_soon, *, now, within):
    """A clause keeping the running deadlines that end within `within` of `now` (True),
    or the others (False); None when the list does not ask."""
    if due_soon is None:
        return None
    soon = {"due_at": {"$gte": now, "$lte": now + within}}
    return soon if due_soon else {"$nor": [soon]}


def with_overdue(query, *, now, overdue):
    """`query` keeping only the overdue complaints (True), the others (False), or all."""
    if overdue is None:
        return query
    return segments(query, now=now, overdue=overdue)[0]


def column_order(sort):
    """order_by fields for a column sort such as "created" or "-status"."""
    fields = COLUMN_SORTS[sort.lstrip("-")]
    if not sort.startswith("-"):
        return fields
    return tuple(f[1:] if f.startswith("-") else "-" + f for f in fields)


def _joined(clauses):
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def segments(query, *, now, overdue=None):
    """The list's filter split in its order: overdue ones first, then the rest; `overdue`
    keeps only one part."""
    # Every complaint has a stored due_at (far future once none runs; `refresh-deadlines`
    # in the release step fills data stored before the field), so both parts are ranges.
    parts = {True: {"due_at": {"$lt": now}}, False: {"due_at": {"$gte": now}}}
    wanted = (True, False) if overdue is None else (overdue,)
    return [_joined([query, parts[part]]) if query else parts[part] for part in wanted]


def page_windows(counts, start, stop):
    """(segment index, skip, limit) reading items start..stop across segments of `counts`."""
    windows, offset = [], 0
    for index, count in enumerate(counts):
        low, high = max(start, offset), min(stop, offset + count)
        if low < high:
            windows.append((index, low - offset, high - low))
        offset += count
    return windows
