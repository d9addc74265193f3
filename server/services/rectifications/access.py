"""Which rectifications a staff member may see, and so close: the ledger's one rule.

A rectification opened from a complaint follows that complaint: whoever may see the
complaint (admins, dispatchers and viewers: every queue; a handler: the complaints of
their own queues) sees the rectification, and anyone else gets 404, exactly as for the
complaint. A rectification opened from an inspection, with no complaint, belongs to no
queue: every staff member sees it, and every role that writes rectifications may close it.
"""

from models.complaint import Complaint
from models.rectification import Rectification
from server.errors import NotFound
from server.services.triage.access import own_queue_ids, sees_all_queues


def _visible_numbers(actor, numbers):
    """Of these complaint numbers, the ones the actor may see."""
    if not numbers:
        return []
    found = Complaint.objects(no__in=list(numbers), queue__in=own_queue_ids(actor))
    return [row["no"] for row in found.only("no").as_pymongo()]


def visible_query(actor):
    """Query keywords keeping the ledger to what `actor` may see ({} for every queue)."""
    if sees_all_queues(actor):
        return {}
    named = Rectification.objects(complaint_no__gt="").distinct("complaint_no")
    return {"complaint_no__in": [None, *_visible_numbers(actor, named)]}


def check_visible(rectification, actor):
    """404 unless `actor` may see this rectification."""
    number = rectification.complaint_no
    if number and not sees_all_queues(actor) and not _visible_numbers(actor, [number]):
        raise NotFound()
    return rectification
