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
    visible_institution,
    visible_numbers,
)
from server.services.complaints.action_input import ActionInput
from server.services.complaints.action_input import field_names as action_field_names
from server.services.complaints.audit_text import readable_audit
from server.services.complaints.channel_view import channel_of
from server.services.complaints.cluster_merge import merge_cluster
from server.services.complaints.clusters import cluster_of, parent_notice
from server.services.complaints.detail_shapes import StaffComplaintDetail
from server.services.complaints.entering import enter_complaint
from server.services.complaints.exchange import hotline_results, store_orders
from server.services.complaints.followups import RatingInput, SupplementInput, add_supplement, rate
from server.services.complaints.hints import HintFacts, policy_hints
from server.services.complaints.input import ComplaintSubmission
from server.services.complaints.intake import complaint_for_parent, complaints_of, submit_complaint
from server.services.complaints.list_arguments import ComplaintListArgs, list_args
from server.services.complaints.merging import pass_on_pending_outcomes
from server.services.complaints.notifications import DeliverySettings, deliver_due, status_message
from server.services.complaints.parent_shapes import (
    ParentComplaintDetail,
    ParentComplaintFiled,
    ParentComplaintSummary,
    ParentRating,
    ParentSupplement,
    TimelineStep,
)
from server.services.complaints.parent_view import parent_detail, parent_filed, summary
from server.services.complaints.parents import (
    ParentLogin,
    ParentToken,
    SubscriptionsInput,
    login_with_code,
    record_subscriptions,
)
from server.services.complaints.personal_data import cut_parent_ties
from server.services.complaints.photo_flags import flag_complaints_with, photos_shown
from server.services.complaints.reading import (
    act_and_show,
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
from server.services.complaints.scope import own_queue_ids, sees_all_queues
from server.services.complaints.staff_intake import StaffComplaintInput, check_may_enter
from server.services.complaints.staff_shapes import (
    ClusterMerged,
    Contact,
    QueueCount,
    StaffComplaintFiled,
    StaffComplaintItem,
)
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
from server.services.complaints.subscriptions import (
    SubscribeTemplate,
    check_template_ids,
    subscribe_templates,
)
from server.services.complaints.sweeps import sweep
from server.services.complaints.workflow import TRANSITIONS, allowed_actions, perform
from server.services.complaints.worklist_views import worklists

__all__ = [
    "act_and_show",
    "action_field_names",
    "ActionInput",
    "add_supplement",
    "after_calendar_change",
    "allowed_actions",
    "anonymise_closed",
    "any_complaints",
    "assignable_handlers",
    "channel_of",
    "check_may_enter",
    "check_template_ids",
    "cluster_of",
    "ClusterMerged",
    "complaint_detail",
    "complaint_for_parent",
    "ComplaintFacts",
    "ComplaintListArgs",
    "complaints_by_queue",
    "complaints_of",
    "ComplaintSubmission",
    "Contact",
    "cut_parent_ties",
    "deliver_due",
    "DeliverySettings",
    "enter_complaint",
    "facet_counts",
    "find_visible",
    "flag_complaints_with",
    "handlers_seen_by",
    "HintFacts",
    "hotline_results",
    "institutions_of",
    "list_args",
    "list_complaints",
    "login_with_code",
    "matching",
    "may_act",
    "merge_cluster",
    "oldest_first",
    "outbox_backlog",
    "OUTBOX_WAITING",
    "own_queue_ids",
    "parent_detail",
    "parent_filed",
    "parent_notice",
    "ParentComplaintDetail",
    "ParentComplaintFiled",
    "ParentComplaintSummary",
    "ParentLogin",
    "ParentRating",
    "ParentSupplement",
    "ParentToken",
    "pass_on_pending_outcomes",
    "perform",
    "photo_bytes",
    "photos_shown",
    "policy_hints",
    "queue_overview",
    "QueueCount",
    "rate",
    "RatingInput",
    "readable_audit",
    "recompute_missing",
    "record_subscriptions",
    "reload_complaint",
    "reveal_contact",
    "route",
    "sees_all_queues",
    "StaffComplaintDetail",
    "StaffComplaintFiled",
    "StaffComplaintInput",
    "StaffComplaintItem",
    "status_message",
    "store_orders",
    "submit_complaint",
    "subscribe_templates",
    "SubscribeTemplate",
    "SubscriptionsInput",
    "summary",
    "SupplementInput",
    "sweep",
    "TimelineStep",
    "TRANSITIONS",
    "upgrade_stored",
    "visible_institution",
    "visible_numbers",
    "visible_queues",
    "worklists",
]
