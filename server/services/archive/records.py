"""The archive as admins keep it: create, edit, and change list status with who, when, why.

Every write is journaled by the model, so search and verdicts in every process see it on
their next request. Every staff member reads the archive; writing takes `manage_archive`,
checked here for whoever calls (the staff API, the console, the CLI as the system actor).
"""

from mongoengine.errors import OperationError

from models.choices import INSTITUTION_STATUSES
from models.institution import (
    Course,
    Institution,
    Location,
    PrepaidAccount,
    StatusChange,
    Teachers,
)
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services import directory
from server.services.archive.codes import forget_codes
from server.services.archive.fields import RULES, check_record, clean_fields
from server.services.archive.list_shapes import staff_item
from server.services.common import Choice, Form, LongText, check, created_before, insert_under
from server.services.directory import normalize_code
from server.services.permissions import require
from server.services.rectifications import staff_page

MAX_REASON = 500


class StatusChangeInput(Form):
    """POST /institutions/{id}/status: the new list and why."""

    reasons = {"reason": f"请说明原因（{MAX_REASON} 字以内）"}
    status: Choice(INSTITUTION_STATUSES)
    reason: LongText(MAX_REASON, min_length=1)


EMBEDDED = {"location": Location, "teachers": Teachers, "prepaid_account": PrepaidAccount}
CREATED_REASON = "建档登记"


def staff_search(*, actor, **keywords):
    """The staff list: the directory search (keywords of `parse_search`) with the codes staff
    file by."""
    require(actor, "work")
    return directory.search(**keywords, shape=staff_item)


def get_institution(institution_id, *, actor):
    """The institution with this id, for a staff member; 404 if none."""
    require(actor, "work")
    institution = Institution.objects(id=institution_id).first()
    if institution is None:
        raise AppError("not_found")
    return institution


def staff_detail(institution, *, actor):
    """The archive as the staff console shows it (with who changed each status); takes a
    document or an id."""
    require(actor, "work")
    if isinstance(institution, Institution):
        raw = institution.to_mongo().to_dict()
    else:
        raw = directory.institution_document(institution)
    return staff_page(raw)


def _record(institution):
    return {field: getattr(institution, field) for field in RULES}


def apply_fields(institution, values):
    """Set cleaned field values on the document."""
    for field, value in values.items():
        if field in EMBEDDED:
            value = EMBEDDED[field](**value) if value else None
        elif field == "courses":
            value = [Course(**course) for course in value]
        setattr(institution, field, value)


def credit_code_owner(code, snapshot=None):
    """The id of the institution holding this credit code, or None."""
    if not code:
        return None
    snapshot = snapshot or directory.current_index()
    for entry in snapshot.select(normalize_code(code)):
        if entry.credit_code == code:
            return entry.id
    return None


def _check_unique_code(values, own_id=None):
    owner = credit_code_owner(values.get("credit_code"))
    if owner and owner != own_id:
        raise AppError(
            "conflict", "该统一社会信用代码已登记在另一家机构名下", errors={"credit_code": owner}
        )


def create_institution(data, *, actor, lax=False, unit=None):
    """A new archive entry (status `pending` unless given), under `unit` (common/idempotency);
    400 naming each bad field. `lax`: numbers may come as text (console forms)."""
    by = require(actor, "manage_archive").username
    if first := created_before(Institution, unit):
        return first
    values, errors = clean_fields(data, lax=lax)
    values["status"] = values.get("status") or "pending"
    check_record(values, errors)
    if errors:
        raise validation_error(errors)
    _check_unique_code(values)
    institution = Institution()
    apply_fields(institution, values)
    institution.status_history = [
        StatusChange(status=values["status"], reason=CREATED_REASON, at=utcnow(), by=by)
    ]
    return insert_under(institution, unit)[0]


def update_institution(institution, data, *, actor, lax=False):
    """Change archive fields; the list status changes only through change_status."""
    require(actor, "manage_archive")
    values, errors = clean_fields(data, lax=lax)
    if "status" in data:
        errors["status"] = "名单状态请通过 POST /institutions/{id}/status 修改，并说明原因"
    record = _record(institution)
    record.update(values)
    check_record(record, errors)
    if errors:
        raise validation_error(errors)
    _check_unique_code(values, str(institution.id))
    apply_fields(institution, values)
    return institution.save()


def change_status(institution, data, *, actor):
    """Put the institution on another list, recording who, when and why."""
    by = require(actor, "manage_archive").username
    found = check(StatusChangeInput, data)
    status, reason = found.status, found.reason
    if not status:
        raise validation_error({"status": "必填"})
    if status == institution.status:
        raise validation_error({"status": "机构已是该状态"})
    change = StatusChange(status=status, reason=reason, at=utcnow(), by=by)
    Institution.objects(id=institution.id).update_one(
        set__status=status, push__status_history=change, set__updated_at=change.at
    )
    institution.reload()
    return institution


IN_USE = "该机构已有投诉或整改记录，不能删除；如已停办，请改为吊销或撤销名单状态"


def remove_institution(institution, *, actor):
    """Delete an entry nothing refers to (one made by mistake) and its cached 小程序码;
    409 `conflict` while a complaint or rectification names it."""
    require(actor, "manage_archive")
    try:
        institution.delete()
    except OperationError:
        raise AppError("conflict", IN_USE) from None
    forget_codes(institution.id)
