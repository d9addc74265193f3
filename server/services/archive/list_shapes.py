"""The shapes of the staff archive list (a hot path: its rows are picked, not validated) and
of a refused import (the error answer that carries the counts and each row's problems)."""

from typing import Annotated

from pydantic import Field

from server.services.common import Anything, Shape, described
from server.services.directory import InstitutionItem, institution_staff_item


class StaffInstitutionItem(InstitutionItem):
    """An archive entry in the staff list: the parents' item and the codes staff file by."""

    credit_code: str | None
    licence_no: str | None


def staff_item(entry, distance_m=None):
    """A row of the staff archive list (the directory search's `shape=`)."""
    return StaffInstitutionItem.pick(institution_staff_item(entry, distance_m))


class ImportFailed(Shape):
    """A refused import (400 `import_failed`, or `validation_error` for a bad file)."""

    code: Annotated[str, Field(json_schema_extra={"example": "import_failed"})]
    message: str
    created: int = None
    updated: int = None
    errors: described(
        Anything,
        "import_failed: 各行错误 [{row, field, column, message}]；validation_error: {字段: 原因}",
    ) = None
