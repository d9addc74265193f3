"""The security audit's action codes, each with the Chinese label staff read.

Code other domains write: `audit.record(action=audit.SIGN_IN, ...)`. Add a new code here
(constant + label) rather than passing a bare string; `record` refuses unknown codes.
"""

# Sign-in, sessions, second factor
SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_OUT = "sign_out"
SESSION_EXPIRED = "session_expired"
SESSIONS_ENDED = "sessions_ended"
MFA_ENROL_STARTED = "mfa_enrol_started"
MFA_ENROLLED = "mfa_enrolled"
MFA_RESET = "mfa_reset"
RECOVERY_CODE_USED = "recovery_code_used"
# Passwords and accounts
PASSWORD_CHANGED = "password_changed"
PASSWORD_CHANGE_REFUSED = "password_change_refused"
PASSWORD_RESET = "password_reset"
ACCOUNT_CREATED = "account_created"
ACCOUNT_UPDATED = "account_updated"
ACCOUNT_DISABLED = "account_disabled"
ACCOUNT_ENABLED = "account_enabled"
ROLES_CHANGED = "roles_changed"
QUEUES_CHANGED = "queues_changed"
ACCOUNT_UNLOCKED = "account_unlocked"
# Personal data, files in and out
CONTACT_REVEALED = "contact_revealed"
EXPORTED = "exported"
DOWNLOADED = "downloaded"
IMPORTED = "imported"
# Parents' rights and the privacy notice (PIPL)
PERSONAL_DATA_COPIED = "personal_data_copied"
PARENT_WITHDREW = "parent_withdrew"
PRIVACY_NOTICE_CHANGED = "privacy_notice_changed"
# Settings of the service
ROUTING_CHANGED = "routing_changed"
HOLIDAY_CHANGED = "holiday_changed"
QUEUE_CHANGED = "queue_changed"
NOTICE_CHANGED = "notice_changed"
SETTING_CHANGED = "setting_changed"
INSTITUTION_CHANGED = "institution_changed"
RECTIFICATION_CHANGED = "rectification_changed"
# Complaints: a reference to the complaint's own trail
COMPLAINT_ACTION = "complaint_action"
# Abuse held at the door: an intake cap reached, a push refused (issue 24)
INTAKE_CAP_REACHED = "intake_cap_reached"
PUSH_REFUSED = "push_refused"
# The audit itself
AUDIT_READ = "audit_read"
AUDIT_VERIFIED = "audit_verified"

ACTIONS = {
    SIGN_IN: "登录成功",
    SIGN_IN_FAILED: "登录失败",
    SIGN_OUT: "退出登录",
    SESSION_EXPIRED: "会话超时",
    SESSIONS_ENDED: "结束账号全部会话",
    MFA_ENROL_STARTED: "开始绑定动态口令",
    MFA_ENROLLED: "绑定动态口令",
    MFA_RESET: "重置动态口令",
    RECOVERY_CODE_USED: "使用恢复码登录",
    PASSWORD_CHANGED: "修改密码",
    PASSWORD_CHANGE_REFUSED: "修改密码被拒绝",
    PASSWORD_RESET: "重置密码",
    ACCOUNT_CREATED: "创建账号",
    ACCOUNT_UPDATED: "修改账号",
    ACCOUNT_DISABLED: "停用账号",
    ACCOUNT_ENABLED: "启用账号",
    ROLES_CHANGED: "变更角色",
    QUEUES_CHANGED: "变更队列",
    ACCOUNT_UNLOCKED: "解除登录锁定",
    CONTACT_REVEALED: "查看家长手机号",
    EXPORTED: "导出",
    DOWNLOADED: "下载",
    IMPORTED: "导入",
    PERSONAL_DATA_COPIED: "家长查阅复制个人信息",
    PARENT_WITHDREW: "家长注销账号",
    PRIVACY_NOTICE_CHANGED: "修改隐私保护指引",
    ROUTING_CHANGED: "修改分派规则",
    HOLIDAY_CHANGED: "修改节假日",
    QUEUE_CHANGED: "修改队列",
    NOTICE_CHANGED: "修改公告",
    SETTING_CHANGED: "修改设置",
    INSTITUTION_CHANGED: "修改机构档案",
    RECTIFICATION_CHANGED: "修改整改台账",
    COMPLAINT_ACTION: "投诉处理",
    AUDIT_READ: "查阅安全审计",
    AUDIT_VERIFIED: "校验安全审计",
    INTAKE_CAP_REACHED: "触发受理限流",
    PUSH_REFUSED: "拒绝无效的微信推送",
}

SUCCESS = "success"
FAILURE = "failure"
DENIED = "denied"
OUTCOMES = {SUCCESS: "成功", FAILURE: "失败", DENIED: "拒绝"}


def label(code):
    """The Chinese label of an action code (the code itself when unknown)."""
    return ACTIONS.get(code, code)
