"""The 12345 hotline exchange: 工单 imported from the hotline's export, results exported back,
and the shapes of its answers (the face of the domain)."""

from server.services.hotline.columns import DEFAULTS, ColumnsInput, current_columns, set_columns
from server.services.hotline.exchange import export_results, import_file
from server.services.hotline.shapes import (
    HotlineColumnsView,
    HotlineImportFailed,
    HotlineImportResult,
)

__all__ = [
    "ColumnsInput",
    "current_columns",
    "DEFAULTS",
    "export_results",
    "HotlineColumnsView",
    "HotlineImportFailed",
    "HotlineImportResult",
    "import_file",
    "set_columns",
]
