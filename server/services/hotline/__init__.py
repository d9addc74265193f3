"""The 12345 hotline exchange: 工单 imported from the hotline's export, results exported back
(the face of the domain)."""

from server.services.hotline.columns import DEFAULTS, ColumnsInput, current_columns, set_columns
from server.services.hotline.exchange import export_results, import_file

__all__ = [
    "ColumnsInput",
    "current_columns",
    "DEFAULTS",
    "export_results",
    "import_file",
    "set_columns",
]
