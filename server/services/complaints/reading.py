"""The staff side's reading: queues with counts, the sorted work list, detail, contact, photos.

Lists and counts read what they show and nothing else: the filter and order come from
`list_query` and run in MongoDB on the stored deadline (`due_at`, kept current by
deadlines.stored), overdue first, then urgent, then by due date; one page of documents is
loaded, and its items show the deadline as computed now (identical to the stored one).
Queue counts are one aggregation grouped by queue. Paused complaints whose deadline moved
at midnight are stored again first (usually none: an indexed read that finds nothing).
"""

from datetime import timedelta

from gridfs.errors import NoFile

from models.complaint import OPEN_STATUSES, Complaint
from models.queue import Queue
from models.staff import Staff
from server.errors import AppError
from server.services import audit
from server.services.common import page_of
from server.services.complaints.access import check_may_act, find_visible
from server.services.complaints.scope import own_queue_ids, sees_all_queues
from server.services.complaints.staff_shapes import Contact, QueueCount, StaffComplaintItem
from server.services.complaints.staff_views import complaint_item, complaint_staff_detail
from server.services.complaints.store import list_query
from server.services.complaints.store.deadline_fields import refresh_paused
from server.services.complaints.store.guarded import Change, record_only
from server.services.complaints.store.list_query import ADHOC_FILTERS
from server.services.complaints.workflow import perform
from server.services.deadlines import clock_of, working_days_left
from server.services.permissions import roles_for
from server.services.photos import read_photo


def visible_queues(staff):
    """The active queues the staff member sees, in display order."""
    queues = Queue.objects(active=True)
    if not sees_all_queues(staff):
        queues = queues.filter(id__in=own_queue_ids(staff))
    return list(queues.order_by("order", "key"))


def handlers_seen_by(staff):
    """The active handlers of the queues the staff member sees, by name (list filters)."""
    queue_ids = [queue.pk for queue in visible_queues(staff)]
    return list(Staff.objects(active=True, roles="handler", queues__in=queue_ids).order_by("name"))


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
    return QueueCount.answers(
        dict(
            queue.to_ref(),
            open=counts.get(queue.pk, empty)["open"],
            overdue=counts.get(queue.pk, empty)["overdue"],
        )
        for queue in queues
    )


def list_complaints(
    staff,
    *,
    page,
    per_page,
    calendar,
    now,
    rules,
    filters=None,
    overdue=None,
    due_soon=None,
    sort="due",
):
    """One page of the complaints the caller sees, filtered (typed keywords from
    `list_args`) and sorted: by default overdue, then urgent, then due date first; remaining
    working days for the rows on the page. Every part runs in MongoDB on stored fields."""
    refresh_paused(now=now, calendar=calendar)
    soon = list_query.due_soon_clause(due_soon, now=now, within=timedelta(hours=rules.remind_hours))
    query = list_query.complaint_filter(staff, extra=soon, **(filters or {}))
    if sort == "due":
        parts = list_query.segments(query, now=now, overdue=overdue)
        order = list_query.ORDER
    else:
        parts = [list_query.with_overdue(query, now=now, overdue=overdue)]
        order = list_query.column_order(sort)
    adhoc = sort != "due" or due_soon is not None or bool(ADHOC_FILTERS & set(filters or {}))
    reader = _adhoc_rows if adhoc else _rows
    complaints, total = reader(parts, order, page=page, per_page=per_page)
    items = []
    for complaint in complaints:
        clock = clock_of(complaint, calendar=calendar, now=now, rules=rules)
        item = complaint_item(complaint, clock)
        item["working_days_left"] = working_days_left(clock.due_at, calendar=calendar, now=now)
        items.append(StaffComplaintItem.pick(item))
    return page_of(items, total, page, per_page)


def _rows(parts, order, *, page, per_page):
    """One page of complaints read across the list's parts in `order`, and the total."""
    collection = Complaint._get_collection()
    counts = [
        collection.count_documents(part) if part else collection.estimated_document_count()
        for part in parts
    ]
    start = (page - 1) * per_page
    rows = []
    for index, skip, limit in list_query.page_windows(counts, start, start + per_page):
        found = Complaint.objects(__raw__=parts[index]).order_by(*order)
        rows.extend(found.skip(skip).limit(limit))
    return rows, sum(counts)


def _adhoc_rows(parts, order, *, page, per_page):
    """`_rows` for a clerk's own combination of filters or a column sort: inside the
    caller's queues, not every combination has an index (emulators/mongo/query_allowlist.py)."""
    return _rows(parts, order, page=page, per_page=per_page)


def complaint_detail(no, staff, *, calendar, now, rules):
    """The full staff view of a complaint the caller may see."""
    complaint = find_visible(no, staff)
    return complaint_staff_detail(complaint, staff=staff, calendar=calendar, now=now, rules=rules)


def act_and_show(no, action, payload, *, staff, calendar, now, rules):
    """Take `action` on complaint `no` (the workflow checks who may); the detail of the
    complaint as it now is, for the staff member who acted (also when their own transfer
    just moved it out of their queues)."""
    complaint = perform(no, action, payload, staff=staff, calendar=calendar, rules=rules, now=now)
    return complaint_staff_detail(complaint, staff=staff, calendar=calendar, now=now, rules=rules)


def reveal_contact(no, staff, *, now):
    """The unmasked phone, put on the record; 404 `no_contact` when there is none to show."""
    complaint = find_visible(no, staff)
    check_may_act(staff, complaint, roles_for("reveal_contact"))
    if complaint.anonymous or not (complaint.contact_phone or complaint.caller_name):
        raise AppError("no_contact")
    change = Change(now=now)
    change.audit(by=staff.username, action="reveal_contact", detail={})
    record_only(complaint, change)
    audit.record(actor=staff, action=audit.CONTACT_REVEALED, target=f"complaint:{complaint.no}")
    revealed = {"contact_phone": complaint.contact_phone}
    if complaint.caller_name:
        revealed["caller_name"] = complaint.caller_name
    return Contact.answer(revealed)


def photo_bytes(no, photo_id, size, staff):
    """The JPEG bytes of one of the complaint's photos (any moderation state) for staff."""
    complaint = find_visible(no, staff)
    photos = list(complaint.photos) + [p for s in complaint.supplements for p in s.photos]
    photo = next((p for p in photos if str(getattr(p, "pk", "")) == photo_id), None)
    if photo is None:
        raise AppError("not_found")
    try:
        return read_photo(photo, size)
    except NoFile:
        raise AppError("not_found") from None
