"""Reading and handling warnings: who sees which, acknowledging and closing with a note.

Admins, dispatchers and viewers see every warning; a handler sees those of their own
queues (the queue of the complaint that raised it). Acknowledging (已知悉) and closing take
a note and are kept in the warning's history and the audit log; viewers act on nothing.
Closing ends the warning: a later complaint that meets the rule opens a new one.
"""

import logging

from bson import ObjectId

from models.choices import INSTITUTION_STATUSES, label
from models.warning import WARNING_STATUSES, RiskWarning
from server.clock import iso, utcnow
from server.errors import AppError, validation_error
from server.services import audit
from server.services.common import Form, LongText, check, paginate
from server.services.permissions import may, require
from server.services.warnings.shapes import WarningView

log = logging.getLogger(__name__)

ACTIONS = {"acknowledge": ("open",), "close": ("open", "acknowledged")}
_numbers_seen = []  # (staff, numbers) -> the numbers the staff member may see (see_numbers_with)


def see_numbers_with(check):
    """Show a warning's evidence through `check(staff, numbers)` (complaints registers its
    queue scope at start; warnings read no complaint). Until then no evidence is shown."""
    _numbers_seen[:] = [check]


def _evidence(staff, numbers):
    """Of a warning's evidence, the tracking numbers `staff` may see."""
    return _numbers_seen[0](staff, list(numbers)) if _numbers_seen and numbers else []


class NoteInput(Form):
    """POST /warnings/{id}/acknowledge or /close."""

    reasons = {"note": "请填写 2 到 500 字的处置说明"}
    note: LongText(500, min_length=2)


def _visible(staff):
    if may(staff, "see_all_queues"):
        return {}
    return {"queue__in": [queue.id for queue in staff.queues]}


def warning_item(warning, staff):
    """A warning as `staff` sees it: its evidence only the complaints of their queues."""
    institution = warning.institution
    return WarningView.answer({
        "id": str(warning.id),
        "institution": {
            "id": str(institution.id) if institution else None,
            "name": institution.name if institution else warning.institution_name,
            "status": institution.status if institution else None,
            "status_label": label(INSTITUTION_STATUSES, institution.status)
            if institution
            else None,
        },
        "rule": warning.rule,
        "rule_name": warning.rule_name,
        "status": warning.status,
        "status_label": WARNING_STATUSES[warning.status],
        "evidence": _evidence(staff, warning.evidence),
        "queue": warning.queue.to_ref() if warning.queue else None,
        "opened_at": iso(warning.opened_at),
        "last_evidence_at": iso(warning.last_evidence_at),
        "history": [
            {"at": iso(h.get("at")), "by": h.get("by"), "action": h.get("action"),
             "note": h.get("note")}
            for h in warning.history
        ],
    })  # fmt: skip


def list_warnings(staff, *, status=None, institution_id=None, page=1, per_page=20):
    """A page of the warnings the staff member sees, newest first."""
    query = _visible(staff)
    if status:
        if status not in WARNING_STATUSES:
            raise validation_error({"status": "可选值：" + "、".join(WARNING_STATUSES)})
        query["status"] = status
    if institution_id:
        if not ObjectId.is_valid(str(institution_id)):
            raise validation_error({"institution_id": "机构编号不正确"})
        query["institution"] = ObjectId(institution_id)
    found = RiskWarning.objects(**query).order_by("-opened_at")
    return paginate(found, page, per_page, lambda warning: warning_item(warning, staff))


def open_warnings(staff, *, institution_id=None, limit=10):
    """The newest live warnings the staff member sees (console home, institution page)."""
    query = {**_visible(staff), "status__in": ["open", "acknowledged"]}
    if institution_id:
        query = {**_visible(staff), "institution": ObjectId(institution_id)}
    found = RiskWarning.objects(**query).order_by("-opened_at").limit(limit)
    return [warning_item(w, staff) for w in found]


def handle(staff, warning_id, action, data, *, now):
    """Acknowledge or close a warning with a note; the warning as it now is."""
    if action not in ACTIONS:
        raise AppError("not_found")
    note = check(NoteInput, data).note
    now = now or utcnow()
    found = None
    if ObjectId.is_valid(str(warning_id)):
        found = RiskWarning.objects(id=ObjectId(warning_id), **_visible(staff)).first()
    if found is None:
        raise AppError("not_found")
    require(staff, "act_on_complaints")
    status = "acknowledged" if action == "acknowledge" else "closed"
    entry = {"at": now, "by": staff.username, "action": action, "note": note}
    fields = {"status": status, "updated_at": now}
    update = {"$set": fields, "$push": {"history": entry}}
    if status == "closed":
        update["$unset"] = {"live": ""}
    query = {"_id": found.id, "status": {"$in": list(ACTIONS[action])}}
    if RiskWarning._get_collection().update_one(query, update).matched_count != 1:
        raise AppError("invalid_transition")
    log.info("warning %s %s by %s", found.id, status, staff.username)
    audit.record(
        actor=staff,
        action=audit.WARNING_ACKNOWLEDGED if action == "acknowledge" else audit.WARNING_CLOSED,
        target=f"warning:{found.id}",
        details={"rule": found.rule, "evidence": len(found.evidence)},
        now=now,
    )
    return warning_item(RiskWarning.objects.get(id=found.id), staff)


def warning_counts(*, start, end, queue_ids=None):
    """{"opened", "open", "acknowledged", "closed"} of warnings opened in [start, end)."""
    query = {"opened_at__gte": start, "opened_at__lt": end}
    if queue_ids is not None:
        query["queue__in"] = queue_ids
    counts = {"opened": 0, **{status: 0 for status in WARNING_STATUSES}}
    for status in WARNING_STATUSES:
        counts[status] = RiskWarning.objects(status=status, **query).count()
    counts["opened"] = sum(counts[status] for status in WARNING_STATUSES)
    return counts
