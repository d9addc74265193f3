"""Complaints (投诉举报): the one package that owns the complaint aggregate; this is its face.

Everything else (reports, rectifications, holidays, demo seeding, the worker, both APIs,
the console and the CLI) reaches complaints through the names below, never through
`Complaint.objects` or the raw collection. Inside: `store/` (the only reads and writes of
the collection: guarded writes, tracking numbers, stored deadline fields, list queries,
report reads), intake and follow-ups (the parent's side), the workflow table and its steps,
merging, notifications, the staff and parent views, sweeps and retention.
"""

from server.services.complaints.access import (
    find_visible,
    may_act,
    own_queue_ids,
    sees_all_queues,
    visible_institution,
    visible_numbers,
)
from server.services.complaints.action_input import ACTION_FIELDS, ActionInput
from server.services.complaints.audit_text import readable_audit

# Complaints from every channel, clusters and what a new complaint sets off (issue 23).
from server.services.complaints.channel_view import channel_of  # noqa: E402
from server.services.complaints.cluster_merge import merge_cluster  # noqa: E402
from server.services.complaints.clusters import cluster_of, parent_notice  # noqa: E402
from server.services.complaints.entering import enter_complaint  # noqa: E402
from server.services.complaints.exchange import hotline_results, store_orders  # noqa: E402
from server.services.complaints.followups import RatingInput, SupplementInput, add_supplement, rate
from server.services.complaints.hints import HintFacts, policy_hints
from server.services.complaints.input import ComplaintSubmission
from server.services.complaints.intake import complaint_for_parent, complaints_of, submit_complaint
from server.services.complaints.list_args import ComplaintListArgs, list_args
from server.services.complaints.merging import pass_on_pending_outcomes
from server.services.complaints.notifications import DeliverySettings, deliver_due, status_message
from server.services.complaints.parent_view import parent_detail, summary
from server.services.complaints.parents import (
    ParentToken,
    login_with_code,
    record_subscriptions,
)
from server.services.complaints.personal_data import cut_parent_ties
from server.services.complaints.photo_flags import flag_complaints_with, photos_shown
from server.services.complaints.reading import (
    complaint_detail,
    handlers_seen_by,
    list_complaints,
    photo_bytes,
    queue_overview,
    reveal_contact,
    visible_queues,
)
from server.services.complaints.retention import anonymise_closed
from server.services.complaints.routing import ComplaintFacts, route
from server.services.complaints.staff_intake import (  # noqa: E402
    StaffComplaintInput,
    check_may_enter,
)
from server.services.complaints.staff_views import complaint_staff_detail
from server.services.complaints.steps import assignable_handlers
from server.services.complaints.store.backlog import WAITING as OUTBOX_WAITING
from server.services.complaints.store.backlog import complaints_by_queue, outbox_backlog
from server.services.complaints.store.deadline_fields import (
    after_calendar_change,
    recompute_missing,
)
from server.services.complaints.store.records import any_stored as any_complaints
from server.services.complaints.store.records import reload as reload_complaint
from server.services.complaints.store.report_reads import (
    facet_counts,
    institutions_of,
    matching,
    oldest_first,
)
from server.services.complaints.store.upgrades import upgrade_stored
from server.services.complaints.subscriptions import check_template_ids, subscribe_templates
from server.services.complaints.sweeps import sweep
from server.services.complaints.workflow import TRANSITIONS, allowed_actions, perform
from server.services.complaints.worklists import worklists

__all__ = [
    "OUTBOX_WAITING",
    "complaints_by_queue",
    "outbox_backlog",
    "ACTION_FIELDS",
    "StaffComplaintInput",
    "channel_of",
    "check_may_enter",
    "cluster_of",
    "enter_complaint",
    "hotline_results",
    "merge_cluster",
    "parent_notice",
    "store_orders",
    "TRANSITIONS",
    "ActionInput",
    "ComplaintFacts",
    "ComplaintListArgs",
    "ComplaintSubmission",
    "DeliverySettings",
    "HintFacts",
    "RatingInput",
    "SupplementInput",
    "add_supplement",
    "after_calendar_change",
    "allowed_actions",
    "anonymise_closed",
    "any_complaints",
    "assignable_handlers",
    "check_template_ids",
    "complaint_detail",
    "complaint_for_parent",
    "complaint_staff_detail",
    "cut_parent_ties",
    "complaints_of",
    "deliver_due",
    "facet_counts",
    "find_visible",
    "flag_complaints_with",
    "handlers_seen_by",
    "institutions_of",
    "list_args",
    "list_complaints",
    "login_with_code",
    "ParentToken",
    "matching",
    "may_act",
    "oldest_first",
    "own_queue_ids",
    "parent_detail",
    "pass_on_pending_outcomes",
    "perform",
    "photos_shown",
    "photo_bytes",
    "policy_hints",
    "queue_overview",
    "rate",
    "readable_audit",
    "recompute_missing",
    "record_subscriptions",
    "reload_complaint",
    "reveal_contact",
    "route",
    "sees_all_queues",
    "status_message",
    "submit_complaint",
    "subscribe_templates",
    "summary",
    "sweep",
    "upgrade_stored",
    "visible_institution",
    "visible_numbers",
    "visible_queues",
    "worklists",
]
