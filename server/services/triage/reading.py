"""The staff side's reading: queues with counts, the sorted work list, detail, contact, photos.

The list's filters are typed keywords (`list_args` reads them from a query string) that
`complaint_query` turns into one MongoDB filter on stored fields (queue, status, assignee,
category, district, institution, submission dates, news, text). Overdue and due soon are
computed at read time (see `sla`), so they filter and sort here over the few fields the
sort needs (`LIST_FIELDS`), loaded for every match; full documents, and the remaining
working days, only for the rows of one page.
"""

from datetime import UTC, datetime

from gridfs.errors import NoFile
from mongoengine.queryset.visitor import Q

from models.choices import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES
from models.complaint import OPEN_STATUSES, Complaint
from models.institution import Institution
from models.queue import Queue
from models.staff import Staff
from server.db.guarded import Change, record_only
from server.errors import AppError
from server.services.admin.permissions import roles_for
from server.services.common.pagination import page_of
from server.services.deadlines.sla import CLOCK_FIELDS, clock_facts, clock_of
from server.services.deadlines.working_days import working_days_left
from server.services.photos.uploads import read_photo
from server.services.triage.access import (
    check_may_act,
    find_visible,
    own_queue_ids,
    sees_all_queues,
    visible_filter,
)
from server.services.triage.staff_views import complaint_item, complaint_staff_detail

LIST_FIELDS = ("no", "urgent", "has_news", "category", "created_at", *CLOCK_FIELDS)
FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)


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


# keyword of `complaint_query` -> the stored field it must equal
EQUAL_FILTERS = {
    "queue": "queue",
    "assignee": "assignee",
    "category": "category",
    "district": "district",
    "institution": "institution",
    "has_news": "has_news",
}


def complaint_query(
    *,
    queue=None,
    statuses=None,
    assignee=None,
    category=None,
    district=None,
    institution=None,
    submitted_from=None,
    submitted_before=None,
    has_news=None,
    text=None,
):
    """The work list's MongoDB filter from typed keywords (None leaves a field open)."""
    given = locals()
    conditions = {
        field: given[keyword]
        for keyword, field in EQUAL_FILTERS.items()
        if given[keyword] is not None
    }
    if statuses:
        conditions["status__in"] = list(statuses)
    if submitted_from is not None:
        conditions["created_at__gte"] = submitted_from
    if submitted_before is not None:
        conditions["created_at__lt"] = submitted_before
    query = Q(**conditions)
    if text:
        named = Institution.objects(name__icontains=text).scalar("id")
        query &= (
            Q(no__istartswith=text)
            | Q(description__icontains=text)
            | Q(institution_name__icontains=text)
            | Q(institution__in=list(named.limit(200)))
        )
    return query


def _rank(table):
    order = {code: i for i, code in enumerate(table)}
    return lambda code: order.get(code, len(order))


STATUS_RANK = _rank(COMPLAINT_STATUSES)
CATEGORY_RANK = _rank(COMPLAINT_CATEGORIES)
# sort name -> key over (raw fields, clock); "-name" reverses it
SORT_KEYS = {
    "due": lambda raw, clock: (
        not clock.overdue,
        not raw.get("urgent"),
        clock.due_at or FAR_FUTURE,
        raw["no"],
    ),
    "news": lambda raw, clock: (not raw.get("has_news"), *SORT_KEYS["due"](raw, clock)),
    "no": lambda raw, clock: raw["no"],
    "status": lambda raw, clock: (STATUS_RANK(raw.get("status")), raw["no"]),
    "category": lambda raw, clock: (CATEGORY_RANK(raw.get("category")), raw["no"]),
    "created": lambda raw, clock: (raw.get("created_at") or FAR_FUTURE, raw["no"]),
}


PK_LOOKUP_LIMIT = 200  # beyond this (an export), one pass over the matches beats `$in`


def _documents(matches, ids):
    """{pk: full document} for the rows of one page; a long page (an export) is read in one
    pass over the matching complaints, since an `$in` of thousands of ids is quadratic on
    the embedded store."""
    if len(ids) <= PK_LOOKUP_LIMIT:
        return {doc.pk: doc for doc in Complaint.objects(pk__in=ids)}
    wanted = set(ids)
    return {doc.pk: doc for doc in matches if doc.pk in wanted}


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
    """One page of the complaints the caller sees, filtered and sorted (default: overdue,
    urgent, then due date first); remaining working days for the rows on the page."""
    matches = Complaint.objects(complaint_query(**(filters or {})), **visible_filter(staff))
    key = SORT_KEYS[sort.lstrip("-")]
    rows = []
    for raw in matches.only(*LIST_FIELDS).as_pymongo():
        clock = clock_of(clock_facts(raw), calendar=calendar, now=now, rules=rules)
        if overdue is not None and clock.overdue != overdue:
            continue
        if due_soon is not None and clock.due_soon != due_soon:
            continue
        rows.append((key(raw, clock), raw["_id"]))
    rows.sort(key=lambda row: row[0], reverse=sort.startswith("-"))
    ids = [pk for _, pk in rows[(page - 1) * per_page : page * per_page]]
    docs = _documents(matches, ids)
    items = []
    for pk in ids:
        clock = clock_of(docs[pk], calendar=calendar, now=now, rules=rules)
        item = complaint_item(docs[pk], clock)
        item["working_days_left"] = working_days_left(clock.due_at, calendar=calendar, now=now)
        items.append(item)
    return page_of(items, len(rows), page, per_page)


def complaint_detail(no, staff, *, calendar, now, rules):
    """The full staff view of a complaint the caller may see."""
    return complaint_staff_detail(find_visible(no, staff), calendar=calendar, now=now, rules=rules)


def reveal_contact(no, staff, *, now):
    """The unmasked phone, put on the record; 404 `no_contact` when there is none to show."""
    complaint = find_visible(no, staff)
    check_may_act(staff, complaint, roles_for("reveal_contact"))
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
