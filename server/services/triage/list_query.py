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
from models.queue import Queue
from server.errors import validation_error
from server.services.directory.search import institution_ids
from server.services.triage.access import own_queue_ids, sees_all_queues

ORDER = ("-urgent", "due_at", "no")  # order_by; the indexes are in the docstring
TRACKING_PREFIX = re.compile(r"TS\d{8,12}")
INSTITUTION_LIMIT = 200  # institutions a search term may name (the first in list order)
Q_LIMIT = 50


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


def complaint_filter(
    staff, *, queue=None, statuses=None, institution_id=None, q=None, due_within=None, now=None
):
    """The MongoDB filter of the complaints `staff` sees that match every filter given.

    `queue`: key or id; `statuses`: list of status codes; `institution_id`: an archive id;
    `q`: a search term; `due_within`: a timedelta, running deadlines ending between `now`
    and `now + due_within` (due soon). Overdue or not is chosen with `segments`.
    """
    clauses = []
    visible = _visible(staff)
    if visible is not None:
        clauses.append({"queue": {"$in": visible}})
    if queue:
        clauses.append({"queue": queue_id(queue)})
    if statuses:
        if any(s not in COMPLAINT_STATUSES for s in statuses):
            raise validation_error({"status": "未知的状态"})
        clauses.append({"status": {"$in": list(statuses)}})
    if institution_id:
        if not ObjectId.is_valid(institution_id):
            raise validation_error({"institution_id": "机构编号格式不正确"})
        clauses.append({"institution": ObjectId(institution_id)})
    if q and q.strip():
        clauses.append({"$or": _search(q)})
    if due_within is not None:
        clauses.append({"due_at": {"$gte": now, "$lte": now + due_within}})
    return _joined(clauses)


def _joined(clauses):
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def segments(query, *, now, overdue=None):
    """The list's filter split in its order: overdue ones first, then the rest (a complaint
    stored before due_at existed counts as not overdue); `overdue` keeps only one part."""
    parts = {True: {"due_at": {"$lt": now}}, False: {"due_at": {"$not": {"$lt": now}}}}
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
