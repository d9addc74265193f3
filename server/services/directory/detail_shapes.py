"""What an institution's page answers, declared once: the public detail parents read, the
staff detail with who changed each status, and the Swagger models of both."""

from server.services.common import DateTime, Shape

Text = str | None


class Point(Shape):
    """A position, GCJ-02 (what wx.getLocation returns)."""

    lat: float
    lng: float


class Teachers(Shape):
    """Teachers in total, and how many hold a teaching qualification."""

    total: int | None
    qualified: int | None


class PrepaidAccount(Shape):
    """The supervised account prepaid fees go to."""

    bank: Text
    account: Text


class Course(Shape):
    """One course on file."""

    name: Text
    subject: Text
    grades: Text
    class_hours: float | None
    price_per_hour: float | None
    filing_no: Text


class StatusChange(Shape):
    """One change of list status (parents do not see who made it)."""

    status: str
    status_label: Text
    reason: Text
    at: DateTime | None


class StaffStatusChange(StatusChange):
    """One change of list status, with who made it."""

    by: Text


class PublicRectification(Shape):
    """A rectification as the public page shows it: summary and dates, nothing internal."""

    opened_at: DateTime | None
    due_at: DateTime | None
    status: str
    status_label: str
    overdue: bool
    summary: Text
    closed_at: DateTime | None


class InstitutionDetail(Shape):
    """The archive entry as the public page shows it."""

    id: str
    name: Text
    credit_code: Text
    licence_no: Text
    district: Text
    address: Text
    phone: Text
    students: int | None
    business_hours: Text
    aliases: list[str]
    status: Text
    status_label: Text
    kind: Text
    kind_label: Text
    category: Text
    category_label: Text
    nature: Text
    nature_label: Text
    mode: Text
    mode_label: Text
    location: Point | None
    teachers: Teachers | None
    prepaid_account: PrepaidAccount | None
    courses: list[Course]
    status_history: list[StatusChange]
    updated_at: DateTime | None
    rectifications: list[PublicRectification]


class StaffInstitutionDetail(InstitutionDetail):
    """The archive entry as staff see it: who changed each status, and when it was filed."""

    status_history: list[StaffStatusChange]
    created_at: DateTime | None
