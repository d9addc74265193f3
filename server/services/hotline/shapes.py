"""What the hotline exchange answers, declared once: an import's outcome, a refused import,
and the headers per field (staff API `HotlineImportResult`, `HotlineImportFailed` and, from
`HotlineColumnsView`, `HotlineColumns`). A row's problem is the archive's `ImportRowError`."""

from typing import Annotated

from pydantic import Field

from server.services.archive import ImportRowError
from server.services.common import Anything, Shape, described

Headers = list[str]


class HotlineImportResult(Shape):
    """An import's outcome: 工单 registered, 工单 seen before, and the rows' problems."""

    created: described(int, "新登记的工单")
    existing: described(int, "此前已导入、未重复登记的工单")
    errors: list[ImportRowError]


class HotlineImportFailed(Shape):
    """A refused import (400 `import_failed`, or `validation_error` for a bad file)."""

    code: Annotated[str, Field(json_schema_extra={"example": "import_failed"})]
    message: str
    created: int = None
    existing: int = None
    errors: described(Anything, "import_failed: 各行错误 [{row, field, column, message}]") = None


class HotlineColumnsView(Shape):
    """The headers the import looks for, per field (Swagger model `HotlineColumns`): the
    defaults, then admins' additions; one field per key of `DEFAULTS`."""

    ref: Headers
    received_at: Headers
    caller_name: Headers
    caller_phone: Headers
    description: Headers
    category: Headers
    institution_name: Headers
    institution_address: Headers
