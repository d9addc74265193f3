"""Single complaints read and inserted by the store: by id, by number, by idempotency key.

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


def by_idempotency(token):
    """The complaint an Idempotency-Key stored, or None."""
    return Complaint.objects(idempotency=token).first() if token else None


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
    """Store with a fresh tracking number; a lost Idempotency-Key race returns the winner.

    (complaint, created): the stored complaint and whether this call stored it.
    """
    deadline_fields.fill(complaint, calendar=calendar, now=now)
    for _ in range(5):
        complaint.no = next_tracking_number(now)
        try:
            complaint.save(force_insert=True)
            return complaint, True
        except NotUniqueError:
            first = by_idempotency(complaint.idempotency)
            if first is not None:
                return first, False
            complaint.id = None  # the number was taken (a restored store?): draw another
    raise RuntimeError("could not store the complaint with a unique tracking number")
