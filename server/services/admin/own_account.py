"""A staff member's own account: changing the password (self-service, and the change a
first sign-in, a reset or an expired password forces).

The old password must be given; the new one must follow `password_policy` (each refusal
names its rule and is audited). A change bumps `token_version`, so every other session of
the account ends; the caller gets a fresh token.
"""

from models.staff import Staff
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services import audit
from server.services.admin import password_policy
from server.services.common import hash_password, verify_password
from server.services.permissions import require


def _refused(staff, rule, now):
    audit.record(
        actor=staff,
        action=audit.PASSWORD_CHANGE_REFUSED,
        target=f"staff:{staff.username}",
        outcome=audit.FAILURE,
        details={"rule": rule},
        now=now,
    )


def change_password(staff, *, old_password, password, now=None):
    """Change the signed-in account's password; returns the account (new token_version)."""
    require(staff, "own_account")
    now = now or utcnow()
    if not isinstance(old_password, str) or not old_password:
        raise validation_error({"old_password": "请输入原密码"})
    if len(old_password) > 1000 or not verify_password(staff.password_hash, old_password):
        _refused(staff, "old_password", now)
        raise AppError("wrong_password", errors={"old_password": "原密码错误"})
    try:
        password_policy.check(password, username=staff.username, history=staff.password_history)
    except AppError as exc:
        _refused(staff, exc.extra.get("rule"), now)
        raise
    new_hash = hash_password(password)
    Staff.objects(id=staff.id).update_one(
        set__password_hash=new_hash,
        set__password_history=password_policy.remembered(staff.password_history, new_hash),
        set__password_changed_at=now,
        set__must_change_password=False,
        inc__token_version=1,
    )
    staff.reload()
    audit.record(
        actor=staff, action=audit.PASSWORD_CHANGED, target=f"staff:{staff.username}", now=now
    )
    return staff
