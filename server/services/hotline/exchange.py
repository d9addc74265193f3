"""Importing a 12345 file and exporting the results back, in the hotline's own columns.

The import is all or nothing in its checks: every row is read and checked first, and a
file with any bad row stores nothing and names each row and field (as the archive import
does). Storing is idempotent per 工单号, so a file imported again, or an import stopped
half-way and run again, stores each 工单 exactly once. The export writes 工单编号, 办理状态,
办结时间, 答复内容 and 承办单位 for the 工单 received in a period, as .xlsx or .csv.
"""

from models.queue import Queue
from server.errors import AppError, validation_error
from server.services import audit
from server.services.common import MEDIA_TYPES, defused, write_sheet
from server.services.complaints import check_may_enter, hotline_results, store_orders
from server.services.hotline.reading import read_orders
from server.services.hotline.shapes import HotlineImportResult

EXPORT_HEADERS = ("工单编号", "办理状态", "办结时间", "答复内容", "承办单位")


def import_file(staff, filename, data, *, calendar, rules, now):
    """{"created", "existing", "errors": []}; any bad row is a 400 `import_failed`."""
    check_may_enter(staff)
    orders, errors = read_orders(filename, data, now=now)
    if errors:
        raise AppError("import_failed", errors=errors, extra={"created": 0, "existing": 0})
    result = store_orders(
        staff, [order for _, order in orders], calendar=calendar, rules=rules, now=now
    )
    audit.record(
        actor=staff,
        action=audit.IMPORTED,
        target="hotline_12345",
        details={"rows": len(orders), **result},
        now=now,
    )
    return HotlineImportResult.answer({**result, "errors": []})


def export_results(staff, period, file_format, *, now):
    """(bytes, media type, file name) of the results of the 工单 received in `period`."""
    check_may_enter(staff)
    if file_format not in MEDIA_TYPES:
        raise validation_error({"format": "只能是 xlsx 或 csv"})
    names = dict(Queue.objects.scalar("id", "name"))
    rows = [EXPORT_HEADERS]
    for row in hotline_results(period.start, period.end, queue_names=names, staff=staff):
        rows.append([defused(value) if value is not None else None for value in row])
    data = write_sheet(rows, file_format, title="12345工单办理结果")
    audit.record(
        actor=staff,
        action=audit.EXPORTED,
        target="hotline_12345",
        details={"rows": len(rows) - 1, "format": file_format},
        now=now,
    )
    name = f"12345-results_{period.first.isoformat()}_{period.last.isoformat()}.{file_format}"
    return data, MEDIA_TYPES[file_format], name
