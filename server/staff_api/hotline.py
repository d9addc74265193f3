"""The 12345 hotline exchange: which headers the import reads (admins)."""

from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.services.hotline import DEFAULTS, ColumnsInput, current_columns, set_columns
from server.staff_api import schemas

ns = Namespace("hotline", description="12345 热线工单：导入、结果导出、表头设置")

columns_request = body_schema(ns, ColumnsInput, name="HotlineColumnsInput")
Columns = schemas.model(
    "HotlineColumns", {field: schemas.listed(schemas.String) for field in DEFAULTS}
)


@ns.route("/columns")
class HotlineColumns(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "headers per field", Columns)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """The headers the import looks for, per field: defaults, then admins' additions."""
        return current_columns()

    @ns.expect(columns_request)
    @ns.response(200, "headers per field", Columns)
    @schemas.errors(*schemas.ADMIN_WRITE)
    def put(self):
        """Set the extra headers per field (admin); the defaults always stay."""
        return set_columns(json_body(), staff=current_staff())
