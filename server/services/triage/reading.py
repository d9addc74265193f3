"""The staff side's reading: queues with counts, the sorted work list, detail, contact, photos.

Lists and counts read what they show and nothing else: the filter and order come from
`list_query` and run in MongoDB on the stored deadline (`due_at`, kept current by
deadlines.stored), overdue first, then urgent, then by due date; one page of documents is
loaded, and its items show the deadline as computed now (identical to the stored one).
Queue counts are one aggregation grouped by queue. Paused complaints whose deadline moved
at midnight are stored again first (usually none: an indexed read that finds nothing).
"""

from gridfs.errors import NoFile

from models.complaint import OPEN_STATUSES, Complaint
from models.queue import Queue
from server.db.guarded import Change, record_only
from server.errors import AppError, validation_error
from server.services.common.pagination import page_of
from server.services.deadlines.sla import clock_of
from server.services.deadlines.stored import refresh_paused
from server.services.photos.uploads import check_size, read_photo
from server.services.triage import list_query
from server.services.triage.access import (
    check_may_act,
    find_visible,
    own_queue_ids,
    sees_all_queues,
)
from server.services.triage.staff_views import detail, list_item

REVEAL_ROLES = ("dispatcher", "handler")  # who may reveal a contact phone (on the record)
BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
ARGS = ("queue", "status", "overdue", "institution_id", "q")


def visible_queues(staff):
    """The active queues the staff member sees, in display order."""
    queues = Queue.objects(active=True)
    if not sees_all_queues(staff):
        queues = queues.filter(id__in=own_queue_ids(staff))
    return list(queues.order_by("order", "key"))


def queue_overview(staff, *, calendar, now, rules):
    """[{"id", "key", "name", "open", "overdue"}] for the queues the caller sees."""
    refresh_paused(now=now, calendar=calendar)
    queues = visible_queues(staff)
    match = {"status": {"$in": list(OPEN_STATUSES)}, "queue": {"$in": [q.pk for q in queues]}}
    # (a complaint stored before due_at existed is not counted: null sorts before dates)
    late = {"$and": [{"$ifNull": ["$due_at", False]}, {"$lt": ["$due_at", now]}]}
    overdue = {"$cond": [late, 1, 0]}
    pipeline = [
        {"$match": match},
        {"$group": {"_id": "$queue", "open": {"$sum": 1}, "overdue": {"$sum": overdue}}},
    ]
    counts = {row["_id"]: row for row in Complaint._get_collection().aggregate(pipeline)}
    empty = {"open": 0, "overdue": 0}
    return [
        dict(
            queue.to_ref(),
            open=counts.get(queue.pk, empty)["open"],
            overdue=counts.get(queue.pk, empty)["overdue"],
        )
        for queue in queues
    ]


def _flag(raw, name):
    if raw in (None, ""):
        return None
    if not isinstance(raw, str) or raw.lower() not in BOOLEANS:
        raise validation_error({name: "只能是 true 或 false"})
    return BOOLEANS[raw.lower()]


def list_args(args):
    """The list's typed keyword arguments from query arguments (a mapping of strings)."""
    statuses = None
    if args.get("status"):
        statuses = [s.strip() for s in args["status"].split(",") if s.strip()]
        if not statuses:
            raise validation_error({"status": "未知的状态"})
    return {
        "queue": args.get("queue") or None,
        "statuses": statuses,
        "overdue": _flag(args.get("overdue"), "overdue"),
        "institution_id": args.get("institution_id") or None,
        "q": args.get("q") or None,
    }


def list_complaints(staff, *, page, per_page, calendar, now, rules, overdue=None, **filters):
    """One page of the complaints the caller sees: overdue, urgent, then due date first.

    `filters` are `list_query.complaint_filter`'s keywords (queue, statuses, q, ...);
    `overdue` True/False keeps only the overdue or the other complaints.
    """
    refresh_paused(now=now, calendar=calendar)
    query = list_query.complaint_filter(staff, now=now, **filters)
    parts = list_query.segments(query, now=now, overdue=overdue)
    collection = Complaint._get_collection()
    counts = [collection.count_documents(part) for part in parts]
    start = (page - 1) * per_page
    items = []
    for index, skip, limit in list_query.page_windows(counts, start, start + per_page):
        found = Complaint.objects(__raw__=parts[index]).order_by(*list_query.ORDER)
        for complaint in found.skip(skip).limit(limit):
            clock = clock_of(complaint, calendar=calendar, now=now, rules=rules)
            items.append(list_item(complaint, clock))
    return page_of(items, sum(counts), page, per_page)


def complaint_detail(no, staff, *, calendar, now, rules):
    """The full staff view of a complaint the caller may see."""
    return detail(find_visible(no, staff), calendar=calendar, now=now, rules=rules)


def reveal_contact(no, staff, *, now):
    """The unmasked phone, put on the record; 404 `no_contact` when there is none to show."""
    complaint = find_visible(no, staff)
    check_may_act(staff, complaint, REVEAL_ROLES)
    if complaint.anonymous or not complaint.contact_phone:
        raise AppError("no_contact")
    change = Change(now=now)
    change.audit(by=staff.username, action="reveal_contact", detail={})
    record_only(complaint, change)
    return {"contact_phone": complaint.contact_phone}


def photo_bytes(no, photo_id, size, staff):
    """The JPEG bytes of one of the complaint's photos (any moderation state) for staff."""
    size = check_size(size)
    complaint = find_visible(no, staff)
    photos = list(complaint.photos) + [p for s in complaint.supplements for p in s.photos]
    photo = next((p for p in photos if str(getattr(p, "pk", "")) == photo_id), None)
    if photo is None:
        raise AppError("not_found")
    try:
        return read_photo(photo, size)
    except NoFile:
        raise AppError("not_found") from None
