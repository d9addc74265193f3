"""The rectification ledger (整改台账): a notice to an institution to fix problems by a date.

It stays open (挂账) until staff close it with evidence (销号). The institution's public
page shows only `summary`, dates and status; problems, evidence and names stay internal.
"""

from mongoengine import (
    DENY,
    DateTimeField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    ObjectIdField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.choices import RECTIFICATION_STATUSES
from models.institution import Institution


class EvidencePhoto(EmbeddedDocument):
    """A photo proving the fix: the full-size and thumbnail JPEGs live in GridFS."""

    id = ObjectIdField(required=True)
    full_file = ObjectIdField(required=True)
    thumb_file = ObjectIdField(required=True)
    width = IntField(required=True)
    height = IntField(required=True)
    sha256 = StringField()


class Rectification(BaseDocument):
    """One rectification notice and, once closed, the evidence that closed it."""

    institution = ReferenceField(Institution, required=True, reverse_delete_rule=DENY)
    problems = ListField(StringField(max_length=500))
    requirements = StringField(max_length=2000)
    due_at = DateTimeField(required=True)  # end of the due date, Shanghai time, stored UTC
    complaint_no = StringField()  # the complaint it was opened from, if any
    summary = StringField(required=True, max_length=500)  # the public line
    opened_by = StringField(required=True)  # staff username; internal
    status = StringField(choices=list(RECTIFICATION_STATUSES), default="open", required=True)
    closed_at = DateTimeField()
    closed_by = StringField()
    evidence = StringField(max_length=2000)
    evidence_photos = ListField(EmbeddedDocumentField(EvidencePhoto))

    meta = {
        "collection": "rectifications",
        "indexes": [
            {"fields": ["status", "due_at", "id"]},  # open ones by due date, overdue first
            {"fields": ["status", "-closed_at", "-id"]},  # closed ones, latest first
            {"fields": ["institution", "-created_at", "-id"]},
            {"fields": ["institution", "status", "due_at", "id"]},
            {"fields": ["complaint_no", "-created_at", "-id"]},
            # A handler's ledger: the complaints they may see (and inspections), by status.
            {"fields": ["complaint_no", "status", "due_at", "id"]},
            {"fields": ["complaint_no", "status", "-closed_at", "-id"]},
            {"fields": ["-created_at", "-id"]},
        ],
    }
