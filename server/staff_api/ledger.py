"""The complaint ledger (投诉台账) export: GET /ledger/export?from&to&format=xlsx|csv.

Admins, dispatchers and viewers export the whole county's ledger; handlers may not (403).
The csv streams as it is produced; the xlsx is built first (a zip cannot be streamed
before its directory is written), then sent.
"""

from urllib.parse import quote

from flask import Response, request
from flask_restx import Namespace, Resource

from server.auth import staff_required
from server.services.clock import utcnow
from server.services.holidays import load_calendar
from server.services.ledger import check_format, ledger_rows
from server.services.ledger_files import csv_chunks, xlsx_bytes
from server.services.report_period import report_period, today_in_shanghai
from server.staff_api.stats import PERIOD_PARAMS

ns = Namespace("ledger", description="投诉台账导出（Excel / CSV）")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _disposition(period, extension):
    """An attachment name in Chinese for browsers that read RFC 5987, ASCII for the rest."""
    dates = f"{period.first.isoformat()}_{period.last.isoformat()}"
    ascii_name = f"complaint-ledger_{dates}.{extension}"
    chinese = quote(f"投诉台账_{dates}.{extension}")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{chinese}"


@ns.route("/export")
class LedgerExport(Resource):
    method_decorators = [staff_required("dispatcher", "viewer")]

    @ns.doc(params={**PERIOD_PARAMS, "format": "xlsx（默认）或 csv"})
    @ns.produces([XLSX, "text/csv"])
    @ns.response(400, "validation_error")
    def get(self):
        """One row per complaint submitted in the period; never the parent's phone."""
        now = utcnow()
        file_format = check_format(request.args.get("format"))
        period = report_period(request.args, today=today_in_shanghai(now))
        rows = ledger_rows(period, calendar=load_calendar(), now=now)
        if file_format == "csv":
            response = Response(csv_chunks(rows), mimetype="text/csv")
            response.headers["Content-Type"] = "text/csv; charset=utf-8"
        else:
            response = Response(xlsx_bytes(rows), mimetype=XLSX)
        response.headers["Content-Disposition"] = _disposition(period, file_format)
        response.headers["Cache-Control"] = "no-store"
        return response
