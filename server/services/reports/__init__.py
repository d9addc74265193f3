"""Reports: statistics, the complaint ledger and its files, periods, retention.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.reports.complaint_list_file import EXPORT_LIMIT, complaint_list_xlsx
from server.services.reports.ledger_files import XLSX, export_ledger, ledger_args
from server.services.reports.period import PeriodArgs, period_args, report_period, today_in_shanghai
from server.services.reports.stats import complaint_stats, scope_of

__all__ = [
    "EXPORT_LIMIT",
    "PeriodArgs",
    "XLSX",
    "complaint_list_xlsx",
    "complaint_stats",
    "export_ledger",
    "ledger_args",
    "period_args",
    "report_period",
    "scope_of",
    "today_in_shanghai",
]
