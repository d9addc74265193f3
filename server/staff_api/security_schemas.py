"""Response models of the staff API's security endpoints: sign-in, second factor, the
security audit (documentation only; see server/api_responses.py)."""

from flask_restx import fields

from server.api_responses import nullable
from server.staff_api.schemas import StaffMember, listed, model, nested, registry

String, Integer, Boolean = fields.String, fields.Integer, fields.Boolean

SignedIn = model(
    "StaffSignedIn",
    {
        "token": String,
        "expires_in": Integer,
        "staff": nested(StaffMember),
        "must_change_password": Boolean(description="true: 该令牌只能用于 PATCH /me 修改密码"),
        "must_enrol_mfa": Boolean(description="true: 该令牌只能用于绑定动态口令"),
        "device_token": String(description="下次登录时一并提交：本设备单独计算失败次数"),
    },
)
MfaEnrolment = model("MfaEnrolment", {"secret": String, "otpauth_uri": String})
RecoveryCodes = model(
    "MfaRecoveryCodes",
    {
        "recovery_codes": listed(String),
        "token": String,
        "expires_in": Integer,
        "staff": nested(StaffMember),
        "must_change_password": Boolean,
        "must_enrol_mfa": Boolean,
    },
)
AuditEntry = model(
    "SecurityAuditEntry",
    {
        "seq": Integer,
        "at": String,
        "actor": fields.Raw(description="{id, username, roles}"),
        "client_addr": nullable(String),
        "action": String,
        "action_label": String,
        "target": nullable(String),
        "outcome": String,
        "outcome_label": String,
        "details": fields.Raw,
    },
)
AuditPage = registry.page("SecurityAuditPage", AuditEntry)
AuditVerdict = model(
    "SecurityAuditVerdict",
    {
        "ok": Boolean,
        "checked": Integer,
        "problem": nullable(String(description="altered, removed, inserted; null when intact")),
        "seq": fields.Raw(description="the entry named"),
        "message": String,
        "retention_days": Integer,
    },
)
