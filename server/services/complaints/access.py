"""Which complaints a staff member may see and act on: one rule for every staff endpoint.

Admins, dispatchers and viewers see every queue; a handler sees only the complaints of
their own queues. A complaint one may not see answers 404, exactly as if it did not exist
(the answer parents get too), so a handler cannot probe other queues' tracking numbers.
Seeing is not acting: viewers act on nothing (403), handlers act only in their queues.
"""

from server.errors import AppError
from server.services.complaints.scope import own_queue_ids, visible_filter
from server.services.complaints.store import records


def find_visible(no, staff):
    """The complaint with tracking number `no` if the staff member may see it; else 404."""
    if not isinstance(no, str) or len(no) > 40:
        raise AppError("not_found")
    complaint = records.by_no(no, **visible_filter(staff))
    if complaint is None:
        raise AppError("not_found")
    return complaint


def visible_institution(no, staff):
    """(found, institution id) of complaint `no` if the staff member may see it; else (False,
    None): a handler cannot probe other queues' numbers through it."""
    found = records.raw_by_no(no, ("institution",), **visible_filter(staff))
    if found is None:
        return False, None
    return True, found.get("institution")


def visible_numbers(staff, numbers):
    """Of these tracking numbers, the ones the staff member may see."""
    if not numbers:
        return []
    return [row["no"] for row in records.raw_among(list(numbers), **visible_filter(staff))]


def check_may_act(staff, complaint, roles):
    """403 unless a role in `roles` lets the staff member act on this complaint."""
    if "dispatcher" in roles and staff.has_role("dispatcher"):
        return
    if "handler" in roles and "handler" in staff.roles:
        queue_id = complaint.queue.id if complaint.queue else None
        if queue_id in own_queue_ids(staff):
            return
    raise AppError("forbidden")


def may_act(staff, complaint, roles):
    """Whether `check_may_act` would let the staff member act (to offer only what works)."""
    try:
        check_may_act(staff, complaint, roles)
    except AppError:
        return False
    return True
