"""Staff intake end to end: check, store, announce, and the answer the API gives."""

from models.choices import COMPLAINT_CHANNELS
from server.services.complaints.announcing import announce_new
from server.services.complaints.clusters import cluster_of
from server.services.complaints.staff_intake import (
    check_may_enter,
    clean_staff_entry,
    file_staff_complaint,
)
from server.services.complaints.staff_shapes import StaffComplaintFiled


def filed_answer(complaint, created):
    """What POST /complaints (staff) answers: the tracking number and where it stands."""
    return StaffComplaintFiled.answer(
        {
            "no": complaint.no,
            "status": complaint.status,
            "channel": complaint.channel,
            "channel_label": COMPLAINT_CHANNELS.get(complaint.channel, complaint.channel),
            "external_ref": complaint.external_ref,
            "created": created,
            "cluster": cluster_of(complaint),
        }
    )


def enter_complaint(staff, body, *, calendar, rules, now, unit=None):
    """Record a complaint staff received (under `unit`, see common/idempotency); (answer,
    201), or (answer, 200) for a reference already stored on that channel."""
    check_may_enter(staff)
    fields = clean_staff_entry(staff, body, now=now)
    complaint, created = file_staff_complaint(
        staff, fields, unit=unit, calendar=calendar, rules=rules, now=now
    )
    if created:
        announce_new(complaint, now=now)
    return filed_answer(complaint, created), 201 if created else 200
