"""What the rectification ledger answers, declared once: the staff API, its Swagger model
and the console all read these shapes."""

from server.services.common import Date, DateTime, Shape
from server.services.directory import InstitutionRef


class EvidencePhoto(Shape):
    """A photo proving the fix (served at /rectifications/{id}/photos/{photo_id})."""

    id: str
    width: int
    height: int


class Rectification(Shape):
    """One ledger entry as staff see it: the notice, its dates, and the evidence once closed."""

    id: str
    institution: InstitutionRef | None
    problems: list[str]
    requirements: str
    due_date: Date
    due_at: DateTime
    overdue: bool
    complaint_no: str | None
    summary: str
    status: str
    status_label: str
    opened_at: DateTime | None
    opened_by: str | None
    closed_at: DateTime | None
    closed_by: str | None
    evidence: str | None
    evidence_photos: list[EvidencePhoto]
