"""Which queues' complaints a staff member sees: the rule reads, lists and reports share.

Admins, dispatchers and viewers see every queue; a handler sees only their own queues.
The store's list query and the access checks both build on it (it reads no complaint).
"""

from server.services.permissions import may, require


def sees_all_queues(staff):
    """Whether the staff member sees every queue."""
    return may(staff, "see_all_queues")


def own_queue_ids(staff):
    """Ids of the queues the staff member works."""
    return [queue.id for queue in staff.queues]


def visible_filter(staff):
    """Query arguments restricting complaints to what the staff member may see; 403 for an
    account without the county's work (a disabled one, a security administrator, an
    auditor), whatever queues it was given."""
    require(staff, "work")
    return {} if sees_all_queues(staff) else {"queue__in": own_queue_ids(staff)}


def visible_match(staff, match):
    """`match` (a raw MongoDB filter) narrowed to the complaints the staff member may see."""
    scope = visible_filter(staff)
    if not scope:
        return match
    return {"$and": [match, {"queue": {"$in": scope["queue__in"]}}]}
