"""The security audit in the console, for the auditor: filters, xlsx/csv export, and a
check of the hash chain. Reads go through the audit package (which checks the role)."""

from flask import current_app, request

from server.api_support import attachment
from server.console import pages
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services import audit
from server.services.common import page_args

FILTER_NAMES = ("from", "to", "actor", "action", "target")


def _filters_or_error():
    try:
        return audit.audit_args(request.args), None
    except AppError as exc:
        return None, exc


@roles_required(can="read_audit")
def index():
    """The audit, newest first, with its filters (kept in the URL)."""
    args = {name: request.args.get(name, "") for name in FILTER_NAMES if request.args.get(name)}
    filters, problem = _filters_or_error()
    page, per_page = page_args(request.args)
    result = (
        audit.audit_page(current_staff(), filters, page, per_page)
        if filters is not None
        else {"items": [], "total": 0, "page": 1, "per_page": per_page}
    )
    return pages.page(
        "console/audit.html",
        status=problem.status if problem else 200,
        error=pages.error_text(problem) if problem else None,
        title="安全审计",
        result=result,
        args=args,
        actions=audit.ACTIONS,
        retention_days=current_app.config["AUDIT_RETENTION_DAYS"],
        verdict=None,
    )


@roles_required(can="read_audit")
def export():
    """The filtered audit as xlsx or csv."""
    body, content_type, name = audit.export_audit(
        current_staff(), audit.audit_args(request.args), request.args.get("format", "xlsx")
    )
    return attachment(body, content_type, name)


@roles_required(can="read_audit")
def verify():
    """Walk the hash chain and show the verdict above the list."""
    staff = current_staff()
    verdict = audit.verify(actor=staff)
    audit.record(
        actor=staff,
        action=audit.AUDIT_VERIFIED,
        target="audit",
        outcome=audit.SUCCESS if verdict.ok else audit.FAILURE,
        details={"checked": verdict.checked, "problem": verdict.problem or "none"},
    )
    page, per_page = page_args({})
    return pages.page(
        "console/audit.html",
        title="安全审计",
        result=audit.audit_page(staff, audit.audit_args({}), page, per_page),
        args={},
        actions=audit.ACTIONS,
        retention_days=current_app.config["AUDIT_RETENTION_DAYS"],
        verdict=verdict,
    )


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/audit", "audit", index)
    blueprint.add_url_rule("/audit/export", "audit_export", export)
    blueprint.add_url_rule("/audit/verify", "audit_verify", verify, methods=["POST"])
