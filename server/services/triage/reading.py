"""The staff side's reading: queues with counts, the sorted work list, detail, contact, photos.

Overdue is computed at read time (see `sla`), so the list is filtered by MongoDB on what
is stored (queue, status, institution, text) and then sorted here: overdue first, then
urgent, then by due date. Only the few fields the sort needs are loaded for every match;
full documents are loaded for one page. At a county's volume (thousands of complaints a
year) this is a few milliseconds; see the report's measurement.
"""

import re
from datetime import UTC, datetime

from bson import ObjectId
from gridfs.errors import NoFile
from mongoengine.queryset.visitor import Q

from models.complaint import OPEN_STATUSES, Complaint
from models.institution import Institution
from models.queue import Queue
from server.db.guarded import Change, record_only
from server.errors import AppError, validation_error
from server.services.common.pagination import page_of
from server.services.deadlines.sla import CLOCK_FIELDS, clock_facts, clock_of
from server.services.photos.uploads import read_photo
from server.services.triage.access import (
    check_may_act,
    find_visible,
    own_queue_ids,
    sees_all_queues,
    visible_filter,
)
from server.services.triage.staff_views import detail, list_item

SORT_FIELDS = ("no", "urgent", "queue", *CLOCK_FIELDS)
FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)
REVEAL_ROLES = ("dispatcher", "handler")  # who may reveal a contact phone (on the record)


def visible_queues(staff):
    """The active queues the staff member sees, in display order."""
    queues = Queue.objects(active=True)
    if not sees_all_queues(staff):
        queues = queues.filter(id__in=own_queue_ids(staff))
    return list(queues.order_by("order", "key"))


def queue_overview(staff, *, calendar, now, rules):
    """[{"id", "key", "name", "open", "overdue"}] for the queues the caller sees."""
    queues = visible_queues(staff)
    counts = {queue.pk: [0, 0] for queue in queues}
    open_ones = Complaint.objects(status__in=OPEN_STATUSES, queue__in=list(counts))
    for raw in open_ones.only("queue", *CLOCK_FIELDS).as_pymongo():
        entry = counts[raw["queue"]]
        entry[0] += 1
        entry[1] += clock_of(clock_facts(raw), calendar=calendar, now=now, rules=rules).overdue
    return [
        dict(queue.to_ref(), open=counts[queue.pk][0], overdue=counts[queue.pk][1])
        for queue in queues
    ]


def _queue_filter(ref):
    query = {"id": ref} if re.fullmatch(r"[0-9a-f]{24}", ref) else {"key": ref}
    queue = Queue.objects(**query).first()
    if queue is None:
        raise validation_error({"queue": "未知的队列"})
    return queue.pk


def _filters(*, queue=None, status=None, institution_id=None, q=None):
    """MongoDB filters from the list's typed arguments; validation errors name the argument."""
    query = Q()
    if queue:
        query &= Q(queue=_queue_filter(queue))
    if status:
        query &= Q(status__in=status)
    if institution_id:
        query &= Q(institution=ObjectId(institution_id))
    text = (q or "").strip()
    if text:
        named = Institution.objects(name__icontains=text[:50]).scalar("id")
        query &= (
            Q(no__istartswith=text[:40])
            | Q(description__icontains=text[:50])
            | Q(institution_name__icontains=text[:50])
            | Q(institution__in=list(named.limit(200)))
        )
    return query


def list_complaints(
    staff,
    *,
    queue=None,
    status=None,
    overdue=None,
    institution_id=None,
    q=None,
    page=1,
    per_page=20,
    calendar,
    now,
    rules,
):
    """One page of the complaints the caller sees: overdue, urgent, then due date first.

    Typed keywords (see ComplaintListArgs): `status` a list of codes, `overdue` a bool or
    None, `institution_id` 24 hex characters."""
    want_overdue = overdue
    filters = _filters(queue=queue, status=status, institution_id=institution_id, q=q)
    matches = Complaint.objects(filters, **visible_filter(staff))
    rows = []
    for raw in matches.only(*SORT_FIELDS).as_pymongo():
        clock = clock_of(clock_facts(raw), calendar=calendar, now=now, rules=rules)
        if want_overdue is not None and clock.overdue != want_overdue:
            continue
        due = clock.due_at or FAR_FUTURE
        rows.append(((not clock.overdue, not raw.get("urgent"), due, raw["no"]), raw["_id"]))
    rows.sort(key=lambda row: row[0])
    ids = [pk for _, pk in rows[(page - 1) * per_page : page * per_page]]
    docs = {doc.pk: doc for doc in Complaint.objects(pk__in=ids)}
    items = []
    for pk in ids:
        complaint = docs[pk]
        items.append(
            list_item(complaint, clock_of(complaint, calendar=calendar, now=now, rules=rules))
        )
    return page_of(items, len(rows), page, per_page)


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
    complaint = find_visible(no, staff)
    photos = list(complaint.photos) + [p for s in complaint.supplements for p in s.photos]
    photo = next((p for p in photos if str(getattr(p, "pk", "")) == photo_id), None)
    if photo is None:
        raise AppError("not_found")
    try:
        return read_photo(photo, size)
    except NoFile:
        raise AppError("not_found") from None
