"""How an institution looks to clients: list items (from the index) and detail (from MongoDB).

Every code travels with its Chinese label. Parents never see who changed a status
(`status_history[].by`); staff do.
"""

from models.choices import (
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
    label,
)
from models.institution import Institution
from server.clock import iso
from server.services.common import Shape

LABELLED = {
    "status": INSTITUTION_STATUSES,
    "kind": INSTITUTION_KINDS,
    "category": INSTITUTION_CATEGORIES,
    "nature": INSTITUTION_NATURES,
    "mode": INSTITUTION_MODES,
}
STATUS_LABELS = INSTITUTION_STATUSES
COURSE_FIELDS = ("name", "subject", "grades", "class_hours", "price_per_hour", "filing_no")
PLAIN_FIELDS = (
    "name",
    "credit_code",
    "licence_no",
    "district",
    "address",
    "phone",
    "students",
    "business_hours",
)


class InstitutionRef(Shape):
    """An archive institution as other records (notices, rectifications) mention it."""

    id: str
    name: str
    status: str
    status_label: str


def institution_ref(institution):
    """An archive institution as other records mention it; None once deleted from the archive."""
    if not isinstance(institution, Institution):
        return None
    return InstitutionRef.answer(
        {
            "id": str(institution.id),
            "name": institution.name,
            "status": institution.status,
            "status_label": label(INSTITUTION_STATUSES, institution.status),
        }
    )


def _labelled(target, field, code):
    target[field] = code
    target[field + "_label"] = label(LABELLED[field], code) if code else None


def _location(lat, lng):
    return None if lat is None or lng is None else {"lat": lat, "lng": lng}


def institution_item(entry, distance_m=None):
    """A directory list item for parents (kind and category labels come from GET /meta)."""
    item = {
        "id": entry.id,
        "name": entry.name,
        "status": entry.status,
        "status_label": STATUS_LABELS.get(entry.status),
        "kind": entry.kind,
        "category": entry.category,
        "district": entry.district,
        "address": entry.address,
        "location": None if entry.lat is None else {"lat": entry.lat, "lng": entry.lng},
    }
    if distance_m is not None:
        item["distance_m"] = round(distance_m, 1)
    return item


def institution_staff_item(entry, distance_m=None):
    """A list item for staff: the parents' one plus the codes they file by."""
    item = institution_item(entry, distance_m)
    item["credit_code"] = entry.credit_code
    item["licence_no"] = entry.licence_no
    return item


def _embedded(value, fields):
    return None if not value else {f: value.get(f) for f in fields}


def institution_detail(raw, *, staff=False):
    """The archive as the public page (or, with staff=True, the staff console) shows it,
    from the raw MongoDB document (building a mongoengine document costs ~1 ms)."""
    body = {"id": str(raw["_id"])}
    for field in PLAIN_FIELDS:
        body[field] = raw.get(field)
    body["aliases"] = list(raw.get("aliases") or [])
    for field in LABELLED:
        _labelled(body, field, raw.get(field))
    location = raw.get("location") or {}
    body["location"] = _location(location.get("lat"), location.get("lng"))
    body["teachers"] = _embedded(raw.get("teachers"), ("total", "qualified"))
    body["prepaid_account"] = _embedded(raw.get("prepaid_account"), ("bank", "account"))
    body["courses"] = [_embedded(course, COURSE_FIELDS) for course in raw.get("courses") or []]
    body["status_history"] = [_history(change, staff) for change in raw.get("status_history") or []]
    body["updated_at"] = iso(raw.get("updated_at"))
    if staff:
        body["created_at"] = iso(raw.get("created_at"))
    return body


def _history(change, staff):
    item = {
        "status": change.get("status"),
        "status_label": label(INSTITUTION_STATUSES, change.get("status")),
        "reason": change.get("reason"),
        "at": iso(change.get("at")),
    }
    if staff:
        item["by"] = change.get("by")
    return item
