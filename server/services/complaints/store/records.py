"""Single complaints read and inserted by the store: by id, by number, by channel reference.

A new complaint is inserted with a fresh tracking number and its stored deadline fields
computed here, over the calendar the caller hands in (no save signal reads the holiday
calendar behind anyone's back).
"""

from mongoengine.errors import NotUniqueError

from models.complaint import Complaint
from server.services.complaints.store import deadline_fields
from server.services.complaints.store.tracking import next_tracking_number


def reload(complaint):
    """The complaint as stored now."""
    return Complaint.objects.get(pk=complaint.pk)


def any_stored():
    """Whether any complaint is stored at all."""
    return Complaint.objects.count() > 0


def by_id(complaint_id, **filters):
    """The complaint stored under `complaint_id` (and mongoengine `filters`), or None."""
    return Complaint.objects(id=complaint_id, **filters).first() if complaint_id else None


def by_reference(channel, reference):
    """The complaint stored for `reference` on `channel` (a 12345 工单号), or None."""
    if not reference:
        return None
    return Complaint.objects(channel=channel, external_ref=reference).first()


def by_no(no, **filters):
    """The complaint with tracking number `no` (and mongoengine `filters`), or None."""
    return Complaint.objects(no=no, **filters).first() if isinstance(no, str) else None


def of_parent(parent):
    """The parent's own complaints, newest first (a queryset, for pagination)."""
    return Complaint.objects(parent=parent).order_by("-created_at", "-id")


def raw_by_no(no, fields, **filters):
    """The stored dict of complaint `no` (and `filters`) holding `fields` only, or None."""
    if not isinstance(no, str):
        return None
    return Complaint.objects(no=no, **filters).only(*fields).as_pymongo().first()


def raw_among(numbers, **filters):
    """The stored `no` of the complaints among `numbers` (and mongoengine `filters`)."""
    return Complaint.objects(no__in=numbers, **filters).only("no").as_pymongo()


def insert(complaint, *, calendar, now):
    """Store with a fresh tracking number; (complaint, created): the stored complaint and
    whether this call stored it.

    A complaint given an id (the unit of a request's Idempotency-Key) that is stored already,
    or a channel reference stored already, is not stored twice: the first one is returned.
    """
    deadline_fields.fill(complaint, calendar=calendar, now=now)
    unit = complaint.id
    for _ in range(5):
        complaint.no = next_tracking_number(now)
        try:
            complaint.save(force_insert=True)
            return complaint, True
        except NotUniqueError:
            first = by_id(unit) or by_reference(complaint.channel, complaint.external_ref)
            if first is not None:
                return first, False
            complaint.id = unit  # the number was taken (a restored store?): draw another
    raise RuntimeError("could not store the complaint with a unique tracking number")
