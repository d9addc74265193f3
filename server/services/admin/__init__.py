"""Administration: staff accounts, notices, queues, routing rules.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.admin.account_changes import get_staff, staff_page, update_staff
from server.services.admin.account_input import StaffCreate, StaffUpdate
from server.services.admin.account_shapes import (
    MfaEnrolment,
    MfaRecoveryCodes,
    StaffRef,
    StaffSignedIn,
    recovery_answer,
    signed_in_answer,
    staff_ref,
)
from server.services.admin.accounts import StaffMember, create_staff, display_name, staff_detail
from server.services.admin.bureau import Bureau, bureau_contact
from server.services.admin.console_sessions import close_session, open_session, session_staff_id
from server.services.admin.devices import configure as configure_devices
from server.services.admin.mfa import confirm as confirm_mfa
from server.services.admin.mfa import otpauth_uri
from server.services.admin.mfa import reset as reset_mfa
from server.services.admin.mfa import start as start_mfa
from server.services.admin.mfa_qr import png as qr_png
from server.services.admin.notices import (
    NoticeChange,
    NoticeDraft,
    NoticeView,
    StaffNoticeView,
    create_notice,
    get_notice,
    notice_detail,
    notice_staff_detail,
    published_notice,
    published_notices,
    staff_notices,
    update_notice,
)
from server.services.admin.own_account import change_password
from server.services.admin.password_policy import RULES as PASSWORD_RULES
from server.services.admin.queues import (
    QueueRef,
    active_queues,
    default_queue,
    ensure_triage_queue,
    seed_demo_queues,
)
from server.services.admin.request_bodies import (
    MfaConfirm,
    PasswordChange,
    RoutingRulesInput,
    StaffLogin,
)
from server.services.admin.routing_table import (
    RoutingRules,
    replace_routing_rules,
    routing_rules,
    rules_listing,
)
from server.services.admin.sessions import MFA_ENROL, PASSWORD_CHANGE, scope_for
from server.services.admin.sessions import end_all as end_sessions
from server.services.admin.sessions import is_revoked as is_token_revoked
from server.services.admin.sessions import revoke as revoke_token
from server.services.admin.sign_in import authenticate, unlock
from server.services.admin.wechat_check import console_settings, run_checks

__all__ = [
    "active_queues",
    "authenticate",
    "Bureau",
    "bureau_contact",
    "change_password",
    "close_session",
    "configure_devices",
    "confirm_mfa",
    "console_settings",
    "create_notice",
    "create_staff",
    "default_queue",
    "display_name",
    "end_sessions",
    "ensure_triage_queue",
    "get_notice",
    "get_staff",
    "is_token_revoked",
    "MFA_ENROL",
    "MfaConfirm",
    "MfaEnrolment",
    "MfaRecoveryCodes",
    "notice_detail",
    "notice_staff_detail",
    "NoticeChange",
    "NoticeDraft",
    "NoticeView",
    "open_session",
    "otpauth_uri",
    "PASSWORD_CHANGE",
    "PASSWORD_RULES",
    "PasswordChange",
    "published_notice",
    "published_notices",
    "qr_png",
    "QueueRef",
    "recovery_answer",
    "replace_routing_rules",
    "reset_mfa",
    "revoke_token",
    "routing_rules",
    "RoutingRules",
    "RoutingRulesInput",
    "rules_listing",
    "run_checks",
    "scope_for",
    "seed_demo_queues",
    "session_staff_id",
    "signed_in_answer",
    "staff_detail",
    "staff_notices",
    "staff_page",
    "staff_ref",
    "StaffCreate",
    "StaffLogin",
    "StaffMember",
    "StaffNoticeView",
    "StaffRef",
    "StaffSignedIn",
    "StaffUpdate",
    "start_mfa",
    "unlock",
    "update_notice",
    "update_staff",
]
