"""Which rectifications a staff member may see, and so close: the ledger's one rule.

A rectification opened from a complaint follows that complaint: whoever may see the
complaint (admins, dispatchers and viewers: every queue; a handler: the complaints of
their own queues) sees the rectification, and anyone else gets 404, exactly as for the
complaint. A rectification opened from an inspection, with no complaint, belongs to no
queue: every staff member sees it, and every role that writes rectifications may close it.
"""

from models.rectification import Rectification
from server.errors import NotFound
from server.services.complaints import sees_all_queues, visible_numbers


def visible_query(actor):
    """Query keywords keeping the ledger to what `actor` may see ({} for every queue)."""
    if sees_all_queues(actor):
        return {}
    named = Rectification.objects(complaint_no__gt="").distinct("complaint_no")
    return {"complaint_no__in": [None, *visible_numbers(actor, named)]}


def check_visible(rectification, actor):
    """404 unless `actor` may see this rectification."""
    number = rectification.complaint_no
    if number and not sees_all_queues(actor) and not visible_numbers(actor, [number]):
        raise NotFound()
    return rectification
