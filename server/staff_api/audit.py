"""The security audit for the auditor: GET /audit (filters), /audit/export, /audit/verify."""

from flask import current_app, request
from flask_restx import Namespace, Resource

from server.api_support import attachment
from server.auth import current_staff, staff_required
from server.services import audit
from server.services.common import page_args
from server.services.reports import XLSX
from server.staff_api import schemas, security_schemas

ns = Namespace("audit", description="安全审计（审计员）")
FILTER_PARAMS = {
    "from": "开始日期 YYYY-MM-DD（上海时间，含当天）",
    "to": "结束日期 YYYY-MM-DD（含当天）",
    "actor": "操作人用户名",
    "action": "操作类型代码",
    "target": "对象，如 staff:admin",
}


@ns.route("")
class AuditList(Resource):
    method_decorators = [staff_required(can="read_audit")]

    @ns.doc(params={**FILTER_PARAMS, "page": "页码", "per_page": "每页条数"})
    @ns.response(200, "one page, newest first", security_schemas.AuditPage)
    @schemas.errors("forbidden", "validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Entries of the security audit, newest first, by time, actor, action and target."""
        page, per_page = page_args(request.args)
        filters = audit.audit_args(request.args)
        return audit.audit_page(current_staff(), filters, page, per_page)


@ns.route("/export")
class AuditExport(Resource):
    method_decorators = [staff_required(can="read_audit")]

    @ns.doc(params={**FILTER_PARAMS, "format": "xlsx（默认）或 csv"})
    @ns.produces([XLSX, "text/csv", "application/json"])
    @ns.response(200, "the file", schemas.File)
    @schemas.errors("forbidden", "validation_error", *schemas.SIGNED_IN)
    def get(self):
        """The matching entries as an xlsx or csv file (the export is itself audited)."""
        body, content_type, name = audit.export_audit(
            current_staff(), audit.audit_args(request.args), request.args.get("format", "xlsx")
        )
        return attachment(body, content_type, name)


@ns.route("/verify")
class AuditVerify(Resource):
    method_decorators = [staff_required(can="read_audit")]

    @ns.response(200, "the verdict", security_schemas.AuditVerdict)
    @schemas.errors("forbidden", *schemas.SIGNED_IN)
    def get(self):
        """Walk the hash chain: the first entry altered, removed or inserted, if any."""
        staff = current_staff()
        verdict = audit.verify(actor=staff)
        outcome = audit.SUCCESS if verdict.ok else audit.FAILURE
        audit.record(
            actor=staff,
            action=audit.AUDIT_VERIFIED,
            target="audit",
            outcome=outcome,
            details={"checked": verdict.checked, "problem": verdict.problem or "none"},
        )
        days = current_app.config["AUDIT_RETENTION_DAYS"]
        return audit.verdict_answer(verdict, retention_days=days)
