"""The complaints side of the 12345 exchange: storing imported 工单, reading their results.

Each 工单 becomes a staff-entered complaint on channel `hotline_12345` with its 工单号 as
`external_ref`, unique per channel, so a file imported twice stores each 工单 once. The
涉及单位 is matched to the archive by its exact normalised name (one match: listed);
otherwise it is an unlisted institution by the name and address given.
"""

from models.choices import COMPLAINT_STATUSES, label
from models.complaint import Complaint
from models.institution import Institution
from server.clock import SHANGHAI, as_utc
from server.services.complaints.announcing import announce_new
from server.services.complaints.staff_intake import check_may_enter, file_staff_complaint
from server.services.directory import current_index, normalize_name

CHANNEL = "hotline_12345"
ANSWER_KINDS = ("reply", "status")


def _institution_fields(order):
    matches = current_index().exact(normalize_name(order["institution_name"]))
    if len(matches) == 1:
        institution = Institution.objects(id=matches[0].id).first()
        if institution is not None:
            return {"institution": institution, "district": institution.district}
    return {
        "institution_name": order["institution_name"],
        "institution_address": order.get("institution_address") or None,
    }


def store_orders(staff, orders, *, calendar, rules, now):
    """Store checked orders; {"created", "existing"} (a 工单号 stored before is left)."""
    check_may_enter(staff)
    created = existing = 0
    for order in orders:
        fields = {
            "channel": CHANNEL,
            "external_ref": order["ref"],
            "received_at": order["received_at"],
            "caller_name": order.get("caller_name") or None,
            "contact_phone": order.get("caller_phone"),
            "category": order["category"],
            "description": order["description"],
            "photos": [],
            **_institution_fields(order),
        }
        complaint, new = file_staff_complaint(
            staff, fields, calendar=calendar, rules=rules, now=now
        )
        if new:
            created += 1
            announce_new(complaint, now=now)
        else:
            existing += 1
    return {"created": created, "existing": existing}


def known_refs(refs):
    """The 工单号 among `refs` already stored."""
    found = Complaint.objects(channel=CHANNEL, external_ref__in=list(refs)).scalar("external_ref")
    return set(found)


def _answer(doc):
    """The bureau's latest public answer: a reply or a status message, newest last."""
    for entry in reversed(doc.get("timeline") or []):
        if entry.get("kind") in ANSWER_KINDS and entry.get("message"):
            return entry["message"]
    return None


def _local(value):
    value = as_utc(value)
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S") if value else None


def hotline_results(start, end, *, queue_names, staff):
    """(工单号, status label, 办结时间, 答复内容, 承办单位) of the 工单 received in [start, end);
    403 unless `staff` records complaints (who see every queue's)."""
    check_may_enter(staff)
    query = {"channel": CHANNEL, "created_at": {"$gte": start, "$lt": end}}
    fields = {"external_ref": 1, "status": 1, "resolved_at": 1, "timeline": 1, "queue": 1}
    found = Complaint._get_collection().find(query, fields).sort("created_at", 1)
    for doc in found:
        yield (
            doc.get("external_ref"),
            label(COMPLAINT_STATUSES, doc.get("status")),
            _local(doc.get("resolved_at")),
            _answer(doc),
            queue_names.get(doc.get("queue")),
        )
