"""Response models of the staff API's security endpoints: sign-in, second factor, the
security audit (generated from the shapes in services/admin and services/audit)."""

from server.services import admin, audit
from server.staff_api.schemas import registry

SignedIn = registry.shape(admin.StaffSignedIn)
MfaEnrolment = registry.shape(admin.MfaEnrolment)
RecoveryCodes = registry.shape(admin.MfaRecoveryCodes)
AuditEntry = registry.shape(audit.SecurityAuditEntry)
AuditPage = registry.page("SecurityAuditPage", AuditEntry)
AuditVerdict = registry.shape(audit.SecurityAuditVerdict)
