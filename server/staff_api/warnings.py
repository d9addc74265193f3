"""Early warnings (风险预警): the list, acknowledging and closing, and the rules (admins)."""

from flask import request
from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.services import warnings
from server.services.common import page_args
from server.staff_api import schemas

ns = Namespace("warnings", description="风险预警：规则、预警列表、知悉与关闭")

note_request = body_schema(ns, warnings.NoteInput, name="WarningNote")
rules_request = body_schema(ns, warnings.RulesInput, name="WarningRulesInput")
WarningPage = schemas.registry.page("WarningPage", schemas.Warning)


@ns.route("")
class WarningList(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params={"status": "open | acknowledged | closed", "institution_id": "机构编号"})
    @ns.response(200, "the warnings", WarningPage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """The warnings the caller sees, newest first."""
        page, per_page = page_args(request.args)
        return warnings.list_warnings(
            current_staff(),
            status=request.args.get("status") or None,
            institution_id=request.args.get("institution_id") or None,
            page=page,
            per_page=per_page,
        )


@ns.route("/<string:warning_id>/acknowledge")
class WarningAcknowledge(Resource):
    method_decorators = [staff_required()]

    @ns.expect(note_request)
    @ns.response(200, "the warning", schemas.Warning)
    @schemas.errors("not_found", "invalid_transition", *schemas.ADMIN_WRITE)
    def post(self, warning_id):
        """Acknowledge a warning (已知悉) with a note (recorded)."""
        staff = current_staff()
        return warnings.handle(staff, warning_id, "acknowledge", json_body(), now=utcnow())


@ns.route("/<string:warning_id>/close")
class WarningClose(Resource):
    method_decorators = [staff_required()]

    @ns.expect(note_request)
    @ns.response(200, "the warning", schemas.Warning)
    @schemas.errors("not_found", "invalid_transition", *schemas.ADMIN_WRITE)
    def post(self, warning_id):
        """Close a warning with a note (recorded); a later complaint may open a new one."""
        return warnings.handle(current_staff(), warning_id, "close", json_body(), now=utcnow())


@ns.route("/rules")
class WarningRules(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the rules", schemas.WarningRules)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """The early-warning rules in order."""
        return warnings.list_rules()

    @ns.expect(rules_request)
    @ns.response(200, "the new rules", schemas.WarningRules)
    @schemas.errors(*schemas.ADMIN_WRITE)
    def put(self):
        """Replace the rules (admin): `{"items": [rule, ...]}`."""
        return warnings.replace_rules(json_body().get("items"), staff=current_staff())
