"""Complaints staff enter: received by phone, the 12345 hotline, letter, visit or the
national platform, and recorded so they reach deadlines, statistics and the ledger.

A dispatcher or admin records the channel, its reference (the 12345 工单号), when the
bureau received it (the deadlines run from then: it may be days before entry, never after
it), who called or wrote (the phone protected as a parent's: masked, revealed only by the
audited action), and the same institution, category and description a parent gives. It is
routed, hinted and dated as a parent's complaint, with no parent: nothing is sent to the
mini-program, and replies are recorded as given by phone or letter. A reference is stored
once per channel (a unique index), so the same 工单 entered or imported again is found,
not duplicated.
"""

import re

from models.choices import COMPLAINT_CATEGORIES, STAFF_CHANNELS
from models.complaint import AuditEntry, Complaint, TimelineEntry
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services.common import Choice, Form, LongText, Moment, Text, check_fields
from server.services.complaints.clusters import cluster_key
from server.services.complaints.hints import HintFacts, policy_hints
from server.services.complaints.input import ComplaintSubmission, _institution
from server.services.complaints.routing import ComplaintFacts, route_complaint
from server.services.complaints.store import records
from server.services.deadlines import Calendar, DeadlineRules, initial_deadlines
from server.services.permissions import require
from server.services.photos import staff_photos

PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,19}$")
RECEIVED_MESSAGE = "已登记（{channel}），等待受理"


class StaffComplaintInput(Form):
    """POST /complaints (staff API): a complaint received by another channel."""

    reasons = {
        **ComplaintSubmission.reasons,
        "channel": "请选择来源渠道：" + "、".join(STAFF_CHANNELS),
        "external_ref": "编号为 1 到 40 字",
        "received_at": "请填写收到时间（ISO 8601，如 2026-03-01T09:30:00+08:00），不能晚于现在",
        "caller_name": "来电人/来信人姓名最多 40 字",
        "caller_phone": "请填写正确的手机或座机号码",
        "description": "请填写 2 到 2000 字的问题描述",
    }
    channel: Choice(STAFF_CHANNELS)
    external_ref: Text(40) | None = None
    received_at: Moment = None
    caller_name: Text(40) | None = None
    caller_phone: Text(20) | None = None
    institution_id: Text(24) | None = None
    institution_name: Text(100) | None = None
    institution_address: Text(200) | None = None
    category: Choice(COMPLAINT_CATEGORIES)
    description: LongText(2000, min_length=2)
    photo_ids: list[str] | None = None


def normal_phone(text):
    """Digits of a mobile or landline as the bureau wrote it, or None if it is not one."""
    if not text:
        return None
    return re.sub(r"[\s\-]", "", text) if PHONE.match(text) else None


def clean_staff_entry(staff, body, *, now):
    """The fields ready to store; 400 `validation_error` naming each bad one."""
    found, errors = check_fields(StaffComplaintInput, body, context={"now": now})
    cleaned = _institution(found, errors)
    for name in ("channel", "category", "description"):
        if not found.get(name):
            errors.setdefault(name, StaffComplaintInput.reasons[name])
    received_at = found.get("received_at")
    if received_at is None or received_at > now:
        errors.setdefault("received_at", StaffComplaintInput.reasons["received_at"])
    phone = normal_phone(found.get("caller_phone"))
    if found.get("caller_phone") and phone is None:
        errors["caller_phone"] = StaffComplaintInput.reasons["caller_phone"]
    try:
        photos = staff_photos(staff, body.get("photo_ids") if isinstance(body, dict) else None)
    except AppError as exc:
        errors["photo_ids"] = (exc.errors or {}).get("photo_ids", exc.message)
        photos = []
    if errors:
        raise validation_error(errors)
    cleaned.update(
        channel=found["channel"],
        external_ref=found.get("external_ref") or None,
        received_at=received_at,
        caller_name=found.get("caller_name") or None,
        contact_phone=phone,  # protected exactly as a parent's contact phone
        category=found["category"],
        description=found["description"],
        photos=photos,
    )
    return cleaned


def check_may_enter(staff):
    """403 unless the staff member records complaints (dispatchers and admins)."""
    require(staff, "enter_complaints")


def file_staff_complaint(staff, fields, *, unit=None, calendar=None, rules=None, now=None):
    """Store checked fields as a new complaint (under `unit`, the id a request's
    Idempotency-Key claimed); (complaint, created). A unit or a reference already stored
    for the channel returns that complaint (created False)."""
    check_may_enter(staff)
    now = now or utcnow()
    calendar = calendar or Calendar()
    first = records.by_id(unit) or records.by_reference(
        fields["channel"], fields.get("external_ref")
    )
    if first is not None:
        return first, False
    institution = fields.get("institution")
    decision = route_complaint(
        ComplaintFacts(
            category=fields["category"],
            institution_kind=getattr(institution, "kind", None),
            institution_category=getattr(institution, "category", None),
            district=fields.get("district"),
            institution_listed=institution is not None,
        )
    )
    received = fields["received_at"]
    accept_due_at, resolve_due_at = initial_deadlines(
        received, rules=rules or DeadlineRules(), calendar=calendar
    )
    channel_label = STAFF_CHANNELS[fields["channel"]]
    detail = {**decision.record(), "urgent": decision.urgent, "channel": fields["channel"]}
    complaint = Complaint(
        id=unit,
        **fields,
        entered_by=staff.username,
        cluster_key=cluster_key(
            institution, fields.get("institution_name"), fields.get("institution_address")
        ),
        queue=decision.queue,
        urgent=decision.urgent,
        routing=decision.record(),
        hints=policy_hints(HintFacts(fields["category"], None, institution, calendar)),
        accept_due_at=accept_due_at,
        resolve_due_at=resolve_due_at,
        timeline=[
            TimelineEntry(
                at=received,
                status="submitted",
                message=RECEIVED_MESSAGE.format(channel=channel_label),
            )
        ],
        audit=[
            AuditEntry(
                at=now, by=staff.username, action="submit", to_status="submitted", detail=detail
            )
        ],
        created_at=received,  # when it reached the bureau: reports and windows count from it
    )
    return records.insert(complaint, calendar=calendar, now=now)
