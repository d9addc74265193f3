"""The security audit (等保 2.0 安全审计): one append-only, hash-chained record of every
important staff action, for the auditor to read, export and verify.

Public face for other domains and the HTTP layers:

    from server.services import audit
    audit.record(actor=staff, action=audit.SIGN_IN, target=f"staff:{staff.id}",
                 outcome=audit.SUCCESS, details={"method": "password"}, client_addr=addr)

`actor` is a Staff, a bare username (a failed sign-in) or None (the system). `details` are
codes, ids and counts only: keys naming secrets or personal data are dropped and phone
numbers masked. Action codes and their Chinese labels: `actions.py`.
"""

from server.services.audit.actions import *  # noqa: F403 (the codes are the public face)
from server.services.audit.actions import ACTIONS, DENIED, FAILURE, OUTCOMES, SUCCESS, label
from server.services.audit.files import export_audit
from server.services.audit.reading import audit_args, audit_page, entry_item, require_auditor
from server.services.audit.recording import bind_client, record, unbind_client
from server.services.audit.shapes import SecurityAuditEntry, SecurityAuditVerdict, verdict_answer
from server.services.audit.verify import Verdict, verify

__all__ = [
    "ACTIONS",
    "audit_args",
    "audit_page",
    "bind_client",
    "DENIED",
    "entry_item",
    "export_audit",
    "FAILURE",
    "label",
    "OUTCOMES",
    "record",
    "require_auditor",
    "SecurityAuditEntry",
    "SecurityAuditVerdict",
    "SUCCESS",
    "unbind_client",
    "Verdict",
    "verdict_answer",
    "verify",
]
