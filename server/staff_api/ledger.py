"""The complaint ledger (投诉台账) export: GET /ledger/export?from&to&format=xlsx|csv.

Admins, dispatchers and viewers export the whole county's ledger; handlers may not (403).
The csv streams as it is produced; the xlsx is built first (a zip cannot be streamed
before its directory is written), then sent.
"""

from flask import Response, request
from flask_restx import Namespace, Resource

from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services.reports import XLSX, export_ledger, ledger_args
from server.staff_api import schemas
from server.staff_api.stats import PERIOD_PARAMS

ns = Namespace("ledger", description="投诉台账导出（Excel / CSV）")


@ns.route("/export")
class LedgerExport(Resource):
    method_decorators = [staff_required(can="export_ledger")]

    @ns.doc(params={**PERIOD_PARAMS, "format": "xlsx（默认）或 csv"})
    @ns.produces([XLSX, "text/csv", "application/json"])  # errors: JSON
    @ns.response(200, "the file", schemas.File)
    @schemas.errors("validation_error", "forbidden", *schemas.SIGNED_IN)
    def get(self):
        """One row per complaint submitted in the period; never the parent's phone."""
        body, content_type, disposition = export_ledger(
            **ledger_args(request.args),
            actor=current_staff(),
            calendar=current_deadlines().calendar,
            now=utcnow(),
        )
        response = Response(body, content_type=content_type)
        response.headers["Content-Disposition"] = disposition
        response.headers["Cache-Control"] = "no-store"
        return response
