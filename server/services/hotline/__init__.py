"""The 12345 hotline exchange: 工单 imported from the hotline's export, results exported back."""

from server.services.hotline.columns import DEFAULTS, ColumnsInput, current_columns, set_columns

__all__ = ["ColumnsInput", "DEFAULTS", "current_columns", "set_columns"]
