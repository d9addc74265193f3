"""Reports: statistics, the complaint ledger and its files, periods, retention.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.reports.complaint_list_file import EXPORT_LIMIT, complaint_list_xlsx
from server.services.reports.ledger_files import XLSX, export_ledger, ledger_args
from server.services.reports.stats import complaint_stats, scope_of
from server.services.reports.stats_shape import Stats

__all__ = [
    "complaint_list_xlsx",
    "complaint_stats",
    "export_ledger",
    "EXPORT_LIMIT",
    "ledger_args",
    "scope_of",
    "Stats",
    "XLSX",
]
