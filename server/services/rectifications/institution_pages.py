"""An institution's page with its rectifications: the public one and the staff one.

The directory and the archive shape the institution; the rectifications domain adds the
public summaries of its rectification notices, so neither of them depends on this one.
"""

from types import SimpleNamespace

from server.services.directory import (
    InstitutionDetail,
    StaffInstitutionDetail,
    institution_detail,
    institution_document,
)
from server.services.rectifications.ledger import public_rectifications

SUMMARY_FIELDS = {"id": "_id", "name": "name", "status": "status", "district": "district"}


def with_rectifications(body, raw):
    """`body` with the institution's public rectification summaries added."""
    summary = SimpleNamespace(**{field: raw.get(key) for field, key in SUMMARY_FIELDS.items()})
    body["rectifications"] = public_rectifications(summary)
    return body


def public_detail(institution_id):
    """The public page of one institution; 404 if there is none with this id."""
    raw = institution_document(institution_id)
    return InstitutionDetail.answer(with_rectifications(institution_detail(raw), raw))


def staff_page(raw):
    """The archive as staff read it (with who changed each status), with rectifications."""
    body = with_rectifications(institution_detail(raw, staff=True), raw)
    return StaffInstitutionDetail.answer(body)
