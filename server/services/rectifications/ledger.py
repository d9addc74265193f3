"""The rectification ledger (整改台账): open a notice to an institution, close it with
evidence (挂账销号), list what is open, closed or overdue, and show the public summaries.

Overdue is computed from `due_at` at read time, never stored, so it is never stale. Every
function takes the acting staff member and shows or changes only what `access` lets them.
"""

from datetime import datetime, time

from bson import ObjectId
from mongoengine import DoesNotExist

from models.choices import RECTIFICATION_STATUSES, label
from models.institution import Institution
from models.rectification import Rectification
from server.clock import SHANGHAI, as_utc, iso, utcnow
from server.errors import AppError, NotFound, validation_error
from server.services.common import check, check_fields, created_before, insert_under
from server.services.complaints import visible_institution
from server.services.directory import institution_ref
from server.services.permissions import require
from server.services.photos import check_photos, delete_photos, store_photos
from server.services.rectifications import shapes
from server.services.rectifications.access import check_visible, visible_query
from server.services.rectifications.input import (
    DUE_DATE_REASON,
    RectificationClose,
    RectificationOpen,
)

MAX_PROBLEMS = 20
ALREADY_CLOSED = "该整改已销号，不能重复销号"
# filter -> (query, order): open ones soonest due first, closed ones latest closed first.
FILTERS = {
    None: (lambda now: {}, ("-created_at", "-id")),
    "open": (lambda now: {"status": "open"}, ("due_at", "id")),
    "overdue": (lambda now: {"status": "open", "due_at__lt": now}, ("due_at", "id")),
    "closed": (lambda now: {"status": "closed"}, ("-closed_at", "-id")),
}


def due_at_for(day):
    """The last second of `day` in Shanghai, as UTC: the moment a rectification falls due."""
    return as_utc(datetime.combine(day, time(23, 59, 59), tzinfo=SHANGHAI))


def _due_at(day, now, errors):
    """`due_date` (Shanghai) as the end of that day; not before today."""
    if day is None:
        errors.setdefault("due_date", DUE_DATE_REASON)
        return None
    if day < now.astimezone(SHANGHAI).date():
        errors["due_date"] = "整改期限不能早于今天"
        return None
    return due_at_for(day)


def _institution(value, errors):
    """The institution named by `institution_id` (None: already named in `errors`)."""
    if value is None:
        return None
    found = Institution.objects(id=value).first() if ObjectId.is_valid(str(value)) else None
    if found is None:
        errors["institution_id"] = "请选择档案中的机构"
    return found


def _complaint_no(value, institution, errors, staff):
    """An optional complaint's tracking number; it must exist, be one the staff member may see
    (a handler cannot probe other queues' numbers here) and concern the institution."""
    if value in (None, ""):
        return None
    found, about = visible_institution(value, staff)
    if not found:
        errors["complaint_no"] = "未找到该投诉编号"
        return None
    if institution and about and about != institution.id:
        errors["complaint_no"] = "该投诉涉及的不是这家机构"
    return value


def open_rectification(data, *, actor, now=None, unit=None):
    """Open a rectification notice (挂账), under `unit` (common/idempotency); a validation
    error names every bad field."""
    staff = require(actor, "write_rectifications")
    if first := created_before(Rectification, unit):
        return first
    now = now or utcnow()
    found, errors = check_fields(RectificationOpen, data)
    institution = _institution(found.get("institution_id"), errors)
    day = found.get("due_date")
    fields = {
        "institution": institution,
        "problems": found.get("problems"),
        "requirements": found.get("requirements"),
        "due_at": _due_at(day, now, errors),
        "summary": found.get("summary"),
        "complaint_no": _complaint_no(found.get("complaint_no"), institution, errors, staff),
    }
    if errors:
        raise validation_error(errors)
    rectification = Rectification(opened_by=staff.username, created_at=now, **fields)
    return insert_under(rectification, unit)[0]


def get_rectification(rectification_id, *, actor):
    """The rectification with this id; 404 if there is none or `actor` may not see it."""
    require(actor, "work")
    found = Rectification.objects(id=rectification_id).first()
    if found is None:
        raise NotFound()
    return check_visible(found, actor)


def close_rectification(rectification_id, *, evidence, photos=(), actor, now=None):
    """Close an open rectification with evidence text and photos (bytes) (销号).

    422 `invalid_transition` if it is closed already; photos are checked before anything
    is stored, and removed again if the close loses a race.
    """
    staff = require(actor, "write_rectifications")
    if get_rectification(rectification_id, actor=staff).status != "open":
        raise AppError("invalid_transition", ALREADY_CLOSED)
    evidence = check(RectificationClose, {"evidence": evidence}).evidence
    stored = store_photos(check_photos(list(photos)))
    now = now or utcnow()
    # Guarded on status: of two staff closing at once, exactly one succeeds.
    closed = Rectification.objects(id=rectification_id, status="open").update_one(
        set__status="closed",
        set__closed_at=now,
        set__closed_by=staff.username,
        set__evidence=evidence,
        set__evidence_photos=stored,
        set__updated_at=now,
    )
    if not closed:
        delete_photos(stored)
        raise AppError("invalid_transition", ALREADY_CLOSED)
    return get_rectification(rectification_id, actor=staff)


def rectifications(*, actor, status=None, institution_id=None, complaint_no=None, now=None):
    """The part of the ledger `actor` may see, filtered by status (open, closed, overdue),
    institution and complaint, sorted."""
    require(actor, "work")
    build_query, order = FILTERS[status]
    query = build_query(now or utcnow())
    seen = visible_query(actor).get("complaint_no__in")
    if institution_id:
        query["institution"] = ObjectId(institution_id)
        if seen is not None:  # one institution's few entries, narrowed to those in sight
            mine = Rectification.objects(institution=query.pop("institution"))
            query["id__in"] = [
                r["_id"]
                for r in mine.only("complaint_no").as_pymongo()
                if r.get("complaint_no") in seen
            ]
    elif seen is not None:
        query["complaint_no__in"] = seen
    if complaint_no:
        query.pop("complaint_no__in", None)
        query["complaint_no__in"] = [complaint_no] if seen is None or complaint_no in seen else []
    return Rectification.objects(**query).order_by(*order)


def is_overdue(rectification, now=None):
    """Open and past its due time."""
    return rectification.status == "open" and as_utc(rectification.due_at) < (now or utcnow())


def rectification_counts(*, actor, now=None):
    """`{"open", "overdue"}` of what `actor` may see: how many are open, and how many of
    those are past due."""
    require(actor, "work")
    now, seen = now or utcnow(), visible_query(actor)
    return {
        "open": Rectification.objects(status="open", **seen).count(),
        "overdue": Rectification.objects(status="open", due_at__lt=now, **seen).count(),
    }


def _institution_of(rectification):
    """The rectification's institution, or None once it was deleted from the archive."""
    try:
        return rectification.institution
    except DoesNotExist:
        return None


def rectification_detail(rectification, now=None):
    """The full ledger entry for staff."""
    due = as_utc(rectification.due_at)
    entry = {
        "id": str(rectification.id),
        "institution": institution_ref(_institution_of(rectification)),
        "problems": list(rectification.problems),
        "requirements": rectification.requirements,
        "due_date": due.astimezone(SHANGHAI).date().isoformat(),
        "due_at": iso(due),
        "overdue": is_overdue(rectification, now),
        "complaint_no": rectification.complaint_no,
        "summary": rectification.summary,
        "status": rectification.status,
        "status_label": label(RECTIFICATION_STATUSES, rectification.status),
        "opened_at": iso(rectification.created_at),
        "opened_by": rectification.opened_by,
        "closed_at": iso(rectification.closed_at),
        "closed_by": rectification.closed_by,
        "evidence": rectification.evidence,
        "evidence_photos": [
            {"id": str(p.id), "width": p.width, "height": p.height}
            for p in rectification.evidence_photos
        ],
    }
    return shapes.Rectification.answer(entry)


def public_rectifications(institution, now=None):
    """What the institution's public page shows: summaries and dates, nothing internal."""
    now = now or utcnow()
    return [
        {
            "opened_at": iso(r.created_at),
            "due_at": iso(r.due_at),
            "status": r.status,
            "status_label": label(RECTIFICATION_STATUSES, r.status),
            "overdue": is_overdue(r, now),
            "summary": r.summary,
            "closed_at": iso(r.closed_at),
        }
        for r in Rectification.objects(institution=institution.id).order_by("-created_at", "-id")
    ]
