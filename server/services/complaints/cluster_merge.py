"""Merging a whole cluster into one complaint in one step.

Each other open complaint of the cluster goes through the workflow's own `merge` action
(visibility, role and queue checks, its version, the audit trail, and its parent told the
outcome later), so merging a cluster is exactly the merges a clerk would make one by one.
Only the members the caller may see are tried (a handler's own queues): the others are
neither merged nor named. A member seen but not acted on is left as it is and listed as
skipped.
"""

from models.complaint import Complaint
from server.errors import AppError
from server.services.complaints.access import check_may_act, find_visible, visible_numbers
from server.services.complaints.clusters import open_members
from server.services.complaints.staff_shapes import ClusterMerged
from server.services.complaints.workflow import perform
from server.services.permissions import roles_for


def merge_cluster(no, *, staff, calendar, rules, now):
    """{"into", "merged": [numbers], "skipped": [numbers]}: the cluster merged into `no`."""
    target = find_visible(no, staff)
    check_may_act(staff, target, roles_for("act_on_complaints"))
    merged, skipped = [], []
    members = open_members(target)
    seen = set(visible_numbers(staff, members))
    for member in (number for number in members if number in seen):
        current = Complaint.objects(no=member).only("version").first()
        payload = {"into": target.no, "version": current.version if current else None}
        try:
            perform(member, "merge", payload, staff=staff, calendar=calendar, rules=rules, now=now)
        except AppError as error:
            if error.code == "validation_error" or error.status >= 500:
                raise
            skipped.append(member)
            continue
        merged.append(member)
    return ClusterMerged.answer({"into": target.no, "merged": merged, "skipped": skipped})
