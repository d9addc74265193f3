"""The 12345 hotline exchange: import 工单, export their results, the headers (admins)."""

from flask import request
from flask_restx import Namespace, Resource, reqparse
from werkzeug.datastructures import FileStorage

from server.api_schemas import body_schema, query_params
from server.api_support import attachment, json_body, uploaded_file
from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services import hotline
from server.services.common import PeriodArgs, period_args, report_period, today_in_shanghai
from server.staff_api import schemas

ns = Namespace("hotline", description="12345 热线工单：导入、结果导出、表头设置")

columns_request = body_schema(ns, hotline.ColumnsInput, name="HotlineColumnsInput")
upload = reqparse.RequestParser()
upload.add_argument("file", type=FileStorage, location="files", required=True, help="工单文件")


@ns.route("/columns")
class HotlineColumns(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "headers per field", schemas.HotlineColumns)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """The headers the import looks for, per field: defaults, then admins' additions."""
        return hotline.current_columns()

    @ns.expect(columns_request)
    @ns.response(200, "headers per field", schemas.HotlineColumns)
    @schemas.errors(*schemas.ADMIN_WRITE)
    def put(self):
        """Set the extra headers per field (admin); the defaults always stay."""
        return hotline.set_columns(json_body(), staff=current_staff())


@ns.route("/import")
class HotlineImport(Resource):
    method_decorators = [staff_required(can="enter_complaints")]

    @ns.expect(upload)
    @ns.response(200, "imported", schemas.HotlineImportResult)
    @ns.response(400, "import_failed / validation_error", schemas.HotlineImportFailed)
    @schemas.errors("forbidden", "file_too_large", "body_too_large", *schemas.SIGNED_IN)
    def post(self):
        """Import 12345 工单 (.xlsx, .xls or .csv): all rows checked, each 工单号 stored once."""
        filename, data = uploaded_file()
        return hotline.import_file(
            current_staff(),
            filename,
            data,
            **current_deadlines().options(),
            now=utcnow(),
        )


@ns.route("/export")
class HotlineExport(Resource):
    method_decorators = [staff_required(can="enter_complaints")]

    @ns.doc(params={**query_params(PeriodArgs), "format": "xlsx（默认）| csv"})
    @ns.produces([schemas.XLSX, "text/csv", "application/json"])  # errors: JSON
    @ns.response(200, "the file", schemas.File)
    @schemas.errors("validation_error", "forbidden", *schemas.SIGNED_IN)
    def get(self):
        """The results of the 工单 received in the period, for the hotline to load back."""
        now = utcnow()
        period = report_period(**period_args(request.args), today=today_in_shanghai(now))
        data, media_type, name = hotline.export_results(
            current_staff(), period, request.args.get("format") or "xlsx", now=now
        )
        return attachment(data, media_type, name)
