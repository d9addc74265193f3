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
WarningInstitution = schemas.model(
    "WarningInstitution",
    {
        "id": schemas.nullable(schemas.String(description="未登记机构为 null")),
        "name": schemas.nullable(schemas.String),
        "status": schemas.nullable(schemas.String),
        "status_label": schemas.nullable(schemas.String),
    },
)
WarningStep = schemas.model(
    "WarningStep",
    {
        "at": schemas.DateTime,
        "by": schemas.String,
        "action": schemas.String,
        "note": schemas.nullable(schemas.String),
    },
)
Warning = schemas.model(
    "Warning",
    {
        "id": schemas.String,
        "institution": schemas.nested(WarningInstitution),
        "rule": schemas.String,
        "rule_name": schemas.nullable(schemas.String),
        "status": schemas.String(enum=["open", "acknowledged", "closed"]),
        "status_label": schemas.String,
        "evidence": schemas.listed(schemas.String(description="投诉编号")),
        "queue": schemas.nullable(schemas.nested(schemas.QueueRef)),
        "opened_at": schemas.DateTime,
        "last_evidence_at": schemas.nullable(schemas.DateTime),
        "history": schemas.listed(WarningStep),
    },
)
WarningPage = schemas.registry.page("WarningPage", Warning)
Rule = schemas.model(
    "WarningRule",
    {
        "key": schemas.String,
        "name": schemas.String,
        "kind": schemas.String(enum=["count", "status"]),
        "category": schemas.nullable(schemas.String),
        "threshold": schemas.nullable(schemas.Integer),
        "days": schemas.nullable(schemas.Integer),
        "statuses": schemas.listed(schemas.String),
        "active": schemas.Boolean,
    },
)
RuleList = schemas.model("WarningRules", {"items": schemas.listed(Rule)})


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
    @ns.response(200, "the warning", Warning)
    @schemas.errors("not_found", "invalid_transition", *schemas.ADMIN_WRITE)
    def post(self, warning_id):
        """Acknowledge a warning (已知悉) with a note (recorded)."""
        staff = current_staff()
        return warnings.handle(staff, warning_id, "acknowledge", json_body(), now=utcnow())


@ns.route("/<string:warning_id>/close")
class WarningClose(Resource):
    method_decorators = [staff_required()]

    @ns.expect(note_request)
    @ns.response(200, "the warning", Warning)
    @schemas.errors("not_found", "invalid_transition", *schemas.ADMIN_WRITE)
    def post(self, warning_id):
        """Close a warning with a note (recorded); a later complaint may open a new one."""
        return warnings.handle(current_staff(), warning_id, "close", json_body(), now=utcnow())


@ns.route("/rules")
class WarningRules(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the rules", RuleList)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """The early-warning rules in order."""
        return {"items": warnings.list_rules()}

    @ns.expect(rules_request)
    @ns.response(200, "the new rules", RuleList)
    @schemas.errors(*schemas.ADMIN_WRITE)
    def put(self):
        """Replace the rules (admin): `{"items": [rule, ...]}`."""
        items = warnings.replace_rules(json_body().get("items"), staff=current_staff())
        return {"items": items}
