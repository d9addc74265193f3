"""What the early warnings answer, declared once: a warning with its institution and history
(staff API `Warning`, `WarningInstitution`, `WarningStep`) and the rules (`WarningRules` of
`WarningRule`). A warning's queue is the admin domain's `QueueRef`."""

from typing import Annotated, Literal

from pydantic import Field

from server.services.admin import QueueRef
from server.services.common import DateTime, Shape, described


def one_of(*values):
    """A string among `values` (Swagger enum, the first as the example)."""
    return Annotated[Literal[values], Field(json_schema_extra={"example": values[0]})]


class WarningInstitution(Shape):
    """The institution warned about; an unregistered one has a name only."""

    id: described(str | None, "未登记机构为 null")
    name: str | None
    status: str | None
    status_label: str | None


class WarningStep(Shape):
    """One step of a warning's history: when, by whom, what, with which note."""

    at: DateTime
    by: str
    action: str
    note: str | None


class WarningView(Shape):
    """A warning as a staff member sees it (Swagger model `Warning`): the evidence only the
    complaints of their queues."""

    id: str
    institution: WarningInstitution
    rule: str
    rule_name: str | None
    status: one_of("open", "acknowledged", "closed")
    status_label: str
    evidence: list[described(str, "投诉编号")]
    queue: QueueRef | None
    opened_at: DateTime
    last_evidence_at: DateTime | None
    history: list[WarningStep]


class WarningRule(Shape):
    """One early-warning rule as staff see it."""

    key: str
    name: str
    kind: one_of("count", "status")
    category: str | None
    threshold: int | None
    days: int | None
    statuses: list[str]
    active: bool


class WarningRules(Shape):
    """Every rule in order."""

    items: list[WarningRule]
