"""Importing the archive from a spreadsheet: every row checked first, then all or nothing.

A row updates the institution named by its `id` column, else the one holding its credit
code, else the one holding its licence number; otherwise it creates one. Any bad row means
nothing is stored, and each problem comes back as {"row", "field", "column", "message"}
(row numbers as the spreadsheet shows them: the header is row 1).
"""

from bson import ObjectId
from pymongo import UpdateOne

from models.institution import Institution, InstitutionJournal, StatusChange
from server.clock import utcnow
from server.errors import AppError
from server.services.archive.fields import check_record, clean_fields
from server.services.archive.files import COLUMNS, read_table, row_to_fields
from server.services.archive.records import apply_fields
from server.services.common import Shape
from server.services.directory import current_index
from server.services.permissions import require

CREATED_REASON = "批量导入建档"
CHANGED_REASON = "批量导入"
BATCH = 1000
FIELD_COLUMNS = {
    "location": "纬度、经度",
    "teachers": "教师总数、持证教师数",
    "prepaid_account": "资金监管银行、资金监管账户",
}


def _column(field):
    return FIELD_COLUMNS.get(field) or COLUMNS.get(field, (field,))[0]


def import_rows(rows, *, actor, progress=None):
    """{"created", "updated", "errors"}; nothing is written unless every row is valid."""
    by = require(actor, "manage_archive").username
    snapshot = current_index()
    live = snapshot.live()
    by_code = {e.credit_code: e for e in live if e.credit_code}
    by_licence = {e.licence_no: e for e in live if e.licence_no}
    plans, errors, seen_codes = [], [], {}
    for number, values in rows:
        fields, reason = row_to_fields(values)
        target = _target(snapshot, values.get("id"), fields, by_code, by_licence)
        cleaned, row_errors = clean_fields(fields, lax=True)
        record = (
            {"name": target.name, "kind": target.kind, "category": target.category}
            if (target)
            else {}
        )
        record.update(cleaned)
        check_record(record, row_errors)
        code = cleaned.get("credit_code")
        if code and code in seen_codes:
            row_errors.setdefault("credit_code", f"与第 {seen_codes[code]} 行重复")
        elif code:
            seen_codes[code] = number
            owner = by_code.get(code)
            if owner and target and owner.id != target.id:
                row_errors.setdefault("credit_code", "该代码已登记在另一家机构名下")
        errors += [
            {"row": number, "field": f, "column": _column(f), "message": m}
            for f, m in row_errors.items()
        ]
        plans.append((target, cleaned, reason))
        if progress:
            progress(1)
    if errors:
        return {"created": 0, "updated": 0, "errors": errors}
    created, updated = _write(plans, by, progress)
    return {"created": created, "updated": updated, "errors": []}


def _target(snapshot, raw_id, fields, by_code, by_licence):
    if raw_id and ObjectId.is_valid(str(raw_id)):
        entry = snapshot.entry(str(raw_id))
        if entry:
            return entry
    code = str(fields.get("credit_code") or "").strip().upper()
    return by_code.get(code) or by_licence.get(fields.get("licence_no"))


def _write(plans, by, progress=None):
    now = utcnow()
    collection = Institution._get_collection()
    new_docs, updates, touched = [], [], []
    for target, values, reason in plans:
        if target is None:
            new_docs.append(_new_document(values, reason, by, now))
        else:
            updates.append(_update(collection, target, values, reason, by, now))
            touched.append(target.id)
        if progress:
            progress(1)
    for start in range(0, len(new_docs), BATCH):
        result = collection.insert_many(new_docs[start : start + BATCH])
        touched += result.inserted_ids
    for start in range(0, len(updates), BATCH):
        batch = [UpdateOne(selector, update) for selector, update in updates[start : start + BATCH]]
        collection.bulk_write(batch, ordered=False)
    if len(touched) > 100:
        InstitutionJournal.record_everything()
    elif touched:
        InstitutionJournal.record(touched)
    return len(new_docs), len(updates)


def _new_document(values, reason, by, now):
    institution = Institution()
    values.setdefault("status", "pending")
    apply_fields(institution, values)
    institution.status_history = [
        StatusChange(status=institution.status, reason=reason or CREATED_REASON, at=now, by=by)
    ]
    institution.created_at = institution.updated_at = now
    institution.validate()
    return institution.to_mongo().to_dict()


def _update(collection, target, values, reason, by, now):
    raw = collection.find_one({"_id": ObjectId(target.id)})
    institution = Institution._from_son(raw)
    old_status = institution.status
    apply_fields(institution, values)
    institution.validate()
    son = institution.to_mongo()
    changes = {field: son.get(field) for field in values}
    changes["updated_at"] = now
    update = {"$set": changes}
    if values.get("status") and values["status"] != old_status:
        change = StatusChange(
            status=values["status"], reason=reason or CHANGED_REASON, at=now, by=by
        )
        update["$push"] = {"status_history": change.to_mongo().to_dict()}
    return {"_id": raw["_id"]}, update


class ImportRowError(Shape):
    """One problem of one row: the row number, the field and its column, what is wrong."""

    row: int
    field: str | None
    column: str | None
    message: str


class ImportResult(Shape):
    """An import's outcome: entries created and updated, and every row's problems."""

    created: int
    updated: int
    errors: list[ImportRowError]


def import_file(filename, data, *, actor, progress=None):
    """Read an uploaded .xlsx/.csv and import it (see import_rows); any bad row is a 400
    `import_failed` carrying the counts and every row's errors."""
    require(actor, "manage_archive")
    result = import_rows(read_table(filename, data), actor=actor, progress=progress)
    if result["errors"]:
        raise AppError("import_failed", errors=result.pop("errors"), extra=result)
    return ImportResult.answer(result)
