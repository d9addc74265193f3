"""Complaints (投诉举报): the parent's report and everything that happens to it.

The public timeline, the audit trail, internal notes and the notification outbox are
embedded, so one guarded update (on `version`) records a step and everything it causes:
two staff acting at once cannot both succeed, and a status change and the message that
tells the parent about it are written together or not at all.
"""

from mongoengine import (
    DENY,
    BooleanField,
    DateTimeField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    ObjectIdField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_CHANNELS,
    COMPLAINT_OUTCOMES,
    COMPLAINT_STATUSES,
    RATING_SCORES,
)
from models.institution import Institution, Location
from models.parent import Parent
from models.photo import Photo
from models.queue import Queue
from models.sealed import SealedStringField
from models.staff import Staff

OPEN_STATUSES = ("submitted", "accepted", "in_progress", "need_info", "reopened")


class TimelineEntry(EmbeddedDocument):
    """A step the parent sees: status changes, public replies, their own supplements."""

    at = DateTimeField(required=True)
    status = StringField(choices=list(COMPLAINT_STATUSES))
    message = StringField()
    kind = StringField(default="status")  # status | reply | supplement | rating


class AuditEntry(EmbeddedDocument):
    """A step on the record: who did what, from which state to which, with what detail."""

    at = DateTimeField(required=True)
    by = StringField()  # staff username, "parent", or "system"
    action = StringField(required=True)
    from_status = StringField()
    to_status = StringField()
    detail = DictField()


class Note(EmbeddedDocument):
    """An internal note between staff; never shown to the parent."""

    at = DateTimeField(required=True)
    by = StringField(required=True)
    text = StringField(required=True)


class Supplement(EmbeddedDocument):
    """More information from the parent, which lands as news for the handler."""

    at = DateTimeField(required=True)
    text = StringField()
    photos = ListField(ReferenceField(Photo))
    unit = ObjectIdField()  # the Idempotency-Key's unit it was added under (added once)


class Rating(EmbeddedDocument):
    """The parent's verdict on the answer."""

    at = DateTimeField(required=True)
    score = StringField(choices=list(RATING_SCORES), required=True)
    comment = StringField()
    unit = ObjectIdField()  # the Idempotency-Key's unit it was given under


class Pause(EmbeddedDocument):
    """A stretch while the complaint waited for the parent (need_info): the clock stops."""

    start = DateTimeField(required=True)
    end = DateTimeField()


class OutboxMessage(EmbeddedDocument):
    """A subscribe message to the parent, written in the same update as the change it reports."""

    id = ObjectIdField(required=True)
    template = StringField(required=True)  # our template key; config maps it to WeChat's id
    data = DictField()
    page = StringField()
    status = StringField(default="pending")  # pending | sending | sent | failed | declined
    attempts = IntField(default=0)
    next_attempt_at = DateTimeField()
    claimed_until = DateTimeField()
    sent_at = DateTimeField()
    last_error = StringField()
    log = ListField(DictField())  # one record per attempt: at, result, errcode
    claim = StringField()  # token of the worker holding the lease; guards its final write


class Complaint(BaseDocument):
    """A parent's report about an institution (listed or not), routed to one queue."""

    no = StringField(required=True, unique=True)  # TS + Shanghai date + daily sequence
    parent = ReferenceField(Parent)  # cut by retention (PIPL)
    institution = ReferenceField(Institution, reverse_delete_rule=DENY)  # archive keeps it
    institution_name = StringField(max_length=100)  # free text for an unlisted institution
    institution_address = StringField(max_length=200)
    category = StringField(required=True, choices=list(COMPLAINT_CATEGORIES))
    description = StringField(required=True, max_length=2000)
    occurred_at = DateTimeField()
    location = EmbeddedDocumentField(Location)
    district = StringField()  # the institution's district, for routing and statistics
    photos = ListField(ReferenceField(Photo))
    # Sealed at rest (AES-GCM, models/sealed.py); never shown in full; revealing is audited.
    contact_phone = SealedStringField("complaints.contact_phone")
    anonymous = BooleanField(default=False)
    privacy_version = StringField()  # the privacy notice version the parent agreed to
    # Staff intake: the channel it reached the bureau by, its reference there (the 12345
    # 工单号), when the bureau received it (deadlines run from then), who called or wrote
    # (the caller's phone is kept in `contact_phone`, so it is masked, revealed, encrypted
    # and removed by retention exactly as a parent's), and who entered it. Parents'
    # complaints carry `mini_program` (stored before channels existed: none, read so).
    channel = StringField(choices=list(COMPLAINT_CHANNELS), default="mini_program")
    external_ref = StringField(max_length=40)
    received_at = DateTimeField()
    caller_name = StringField(max_length=40)
    entered_by = StringField()
    # Who the complaint is about, for clusters and early warning: "id:<institution id>",
    # or "name:<normalised name>|<normalised address>" for an unlisted institution.
    cluster_key = StringField()

    status = StringField(required=True, choices=list(COMPLAINT_STATUSES), default="submitted")
    queue = ReferenceField(Queue, required=True)
    assignee = ReferenceField(Staff)
    urgent = BooleanField(default=False)
    # Routing said urgent, but the parent's daily urgent cap was reached: not urgent until a
    # dispatcher confirms it (`confirm_urgent`).
    urgent_held = BooleanField(default=False)
    routing = DictField()  # {"rule": id or None, "rule_name", "queue": key}: why it went there
    needs_manual_review = BooleanField(default=False)  # a WeChat check failed or never answered
    # Why: {"at", "code", "photo"?, "detail"?}, one per cause (labels in choices.REVIEW_REASONS).
    review_reasons = ListField(DictField())
    hints = ListField(DictField())  # what the policy says about this report, for staff

    accept_due_at = DateTimeField()
    resolve_due_at = DateTimeField()
    accepted_at = DateTimeField()
    reopened_at = DateTimeField()  # the resolve clock restarts here; older pauses no longer count
    resolved_at = DateTimeField()
    closed_at = DateTimeField()
    extended = BooleanField(default=False)
    pauses = ListField(EmbeddedDocumentField(Pause))
    paused_from = StringField()  # the working status need_info returns to on a supplement
    # Markers of what the deadline sweep already recorded (one reminder / overdue flag per
    # deadline).
    reminded_due_at = DateTimeField()
    overdue_flagged_due_at = DateTimeField()
    # Stored so that lists filter and sort in MongoDB (kept current on every write by
    # server.services.deadlines.stored): the running deadline, FAR_FUTURE once none runs
    # (one ascending sort puts finished complaints last); while a need_info pause runs the
    # deadline moves at each Shanghai midnight, `due_refresh_at`, when it is computed again.
    due_at = DateTimeField()
    due_refresh_at = DateTimeField()
    # What the deadline sweep still has to record for `due_at`: 0 the reminder, 1 the
    # overdue flag, 2 nothing; None when nothing is swept (finished, or waiting in need_info).
    sweep_stage = IntField()

    outcome = StringField(choices=list(COMPLAINT_OUTCOMES))
    measures = StringField()
    merged_into = StringField()  # tracking number of the complaint this one duplicates
    merged_outcome_at = DateTimeField()  # the target's resolved_at last passed on to this one
    # On a target: complaints merged into it may still need its outcome (set at merge and
    # at resolution, cleared by the sweep once every merged one has it).
    merges_waiting = BooleanField()
    rating = EmbeddedDocumentField(Rating)
    has_news = BooleanField(default=False)  # the parent added something the handler has not seen

    timeline = ListField(EmbeddedDocumentField(TimelineEntry))
    audit = ListField(EmbeddedDocumentField(AuditEntry))
    notes = ListField(EmbeddedDocumentField(Note))
    supplements = ListField(EmbeddedDocumentField(Supplement))
    outbox = ListField(EmbeddedDocumentField(OutboxMessage))

    version = IntField(default=1, required=True)
    anonymised_at = DateTimeField()
    # Retention (PIPL): how many photos were deleted, and those whose files are still to
    # go (emptied once they are; a job that died half-way finishes them on its next run).
    photos_removed = IntField()
    purge_photos = ListField(ObjectIdField())
    purge_pending = BooleanField()  # set with purge_photos, unset once they are gone

    meta = {
        "collection": "complaints",
        "indexes": [
            {"fields": ["parent", "-created_at", "-id"]},  # the parent's list
            {"fields": ["queue", "status"]},
            {"fields": ["queue", "created_at"]},  # statistics of some queues over a period
            {"fields": ["status", "resolve_due_at"]},
            {"fields": ["status", "resolved_at"]},  # closing after the rating window
            {"fields": ["status", "closed_at"]},
            # Duplicates side by side: the same institution (listed, or by the name parents
            # wrote for an unlisted one) and category, newest first.
            {"fields": ["institution", "category", "-created_at"]},
            {
                "fields": ["institution_name", "category", "-created_at"],
                "partialFilterExpression": {"institution_name": {"$type": "string"}},
            },
            # The outbox claim: messages due now, and leases that ran out.
            {"fields": ["outbox.status", "outbox.next_attempt_at"]},
            {"fields": ["outbox.status", "outbox.claimed_until"]},
            {
                "fields": ["merged_into", "status"],
                "partialFilterExpression": {"merged_into": {"$type": "string"}},
            },
            # each 工单号 (or other channel reference) stored once, however often imported
            {
                "fields": ["channel", "external_ref"],
                "unique": True,
                "partialFilterExpression": {"external_ref": {"$type": "string"}},
            },
            {"fields": ["channel", "created_at"]},  # the 12345 results export of a period
            # clusters and early warning: one institution (and category) within a window
            {"fields": ["cluster_key", "category", "created_at"]},
            {"fields": ["cluster_key", "category", "status", "created_at"]},
            {"fields": ["cluster_key", "created_at"]},
            "-created_at",
            {"fields": ["created_at", "no"]},  # the ledger export, oldest first
            "photos",  # retention: is a photo still shown on another complaint?
            "supplements.photos",
            # the staff list (overdue first, urgent, due date), all queues or some
            {"fields": ["-urgent", "due_at", "no"]},
            {"fields": ["queue", "-urgent", "due_at", "no"]},
            {"fields": ["status", "-urgent", "due_at", "no"]},
            # a handler's lists (their queues, some statuses), and "assigned to me"
            {"fields": ["queue", "status", "-urgent", "due_at", "no"]},
            {"fields": ["assignee", "queue", "status", "-urgent", "due_at", "no"]},
            {"fields": ["assignee", "queue", "status", "-has_news", "-urgent", "due_at", "no"]},
            {"fields": ["assignee", "-urgent", "due_at", "no"]},
            {"fields": ["assignee", "due_at"]},
            {"fields": ["institution", "-urgent", "due_at", "no"]},  # an institution's complaints
            {"fields": ["institution", "due_at"]},
            {"fields": ["-has_news", "-urgent", "due_at", "no"]},  # parent's news first
            # counts of the overdue and the other part of a list, in all queues or one
            {"fields": ["due_at"]},
            {"fields": ["queue", "due_at"]},
            {"fields": ["status", "due_at"]},
            {"fields": ["queue", "status", "due_at"]},
            # worker rounds: only what is still to do
            # (partial: a compound sparse index would hold every complaint, as all have due_at)
            {
                "fields": ["sweep_stage", "due_at"],
                "partialFilterExpression": {"sweep_stage": {"$exists": True}},
            },
            {"fields": ["due_refresh_at"], "sparse": True},
            {
                "fields": ["merges_waiting", "status"],
                "partialFilterExpression": {"merges_waiting": {"$exists": True}},
            },
            # retention: finished and not anonymised yet; photos shown elsewhere
            {"fields": ["anonymised_at", "status", "closed_at"]},
            {"fields": ["anonymised_at", "status", "updated_at"]},
            {"fields": ["purge_pending"], "sparse": True},
        ],
    }
