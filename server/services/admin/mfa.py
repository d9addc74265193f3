"""The second factor: TOTP (RFC 6238, pyotp) with ten single-use recovery codes.

Enrolment has two steps: `start` keeps a new secret as pending and answers it with its
`otpauth://` URI (the console draws it as a QR code on the server); `confirm` takes a code
from the authenticator, makes the secret the account's and answers ten recovery codes,
shown once and stored only as SHA-256. At sign-in a code is accepted within one time step
either side, never twice (the last step accepted is raised atomically), and a recovery
code is consumed by an atomic `$pull`, so it works exactly once however requests race.
The security administrator resets a lost second factor. Every step is audited.
"""

import hashlib
import hmac
import secrets

import pyotp

from models.staff import Staff
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services import audit
from server.services.admin.account_shapes import MfaEnrolment
from server.services.permissions import require

ISSUER = "双减投诉平台"
RECOVERY_CODES = 10
STEP_WINDOW = 1  # time steps accepted either side of now (clock drift)


def _digest(code):
    return hashlib.sha256(code.strip().lower().replace("-", "").encode()).hexdigest()


def _target(staff):
    return f"staff:{staff.username}"


def start(staff, *, now=None):
    """Begin enrolment: a new pending secret; {"secret", "otpauth_uri"}."""
    require(staff, "own_account")
    if staff.mfa_secret:
        raise AppError("conflict", "该账号已绑定动态口令；如需更换，请安全管理员先重置")
    secret = pyotp.random_base32()
    Staff.objects(id=staff.id).update_one(set__mfa_pending_secret=secret)
    staff.mfa_pending_secret = secret
    audit.record(actor=staff, action=audit.MFA_ENROL_STARTED, target=_target(staff), now=now)
    return MfaEnrolment.answer({"secret": secret, "otpauth_uri": otpauth_uri(staff, secret)})


def otpauth_uri(staff, secret):
    """The `otpauth://totp/...` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=staff.username, issuer_name=ISSUER)


def _matching_step(secret, code, now):
    """The time step `code` belongs to (within the window), or None."""
    if not isinstance(code, str) or not code.strip().isdigit() or len(code.strip()) != 6:
        return None
    totp = pyotp.TOTP(secret)
    base = totp.timecode(now)
    for step in range(base - STEP_WINDOW, base + STEP_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code.strip()):
            return step
    return None


def confirm(staff, code, *, now=None):
    """Finish enrolment with a code from the authenticator; the ten recovery codes."""
    require(staff, "own_account")
    now = now or utcnow()
    pending = staff.mfa_pending_secret
    if not pending:
        raise AppError("mfa_not_started")
    step = _matching_step(pending, code, now)
    if step is None:
        raise validation_error(
            {"code": "动态口令不正确，请核对手机时间后输入验证器中当前的 6 位数字"}
        )
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    codes = [f"{c[:5]}-{c[5:]}" for c in codes]
    Staff.objects(id=staff.id).update_one(
        set__mfa_secret=pending,
        unset__mfa_pending_secret=True,
        set__mfa_enabled_at=now,
        set__mfa_last_step=step,
        set__recovery_codes=[_digest(c) for c in codes],
    )
    staff.reload()
    audit.record(actor=staff, action=audit.MFA_ENROLLED, target=_target(staff), now=now)
    return codes


def check(staff, *, otp=None, recovery_code=None, now=None):
    """The second factor at sign-in: "otp" or "recovery_code"; 401 `mfa_required` when
    neither is given, `bad_otp` when the one given is wrong or already used."""
    now = now or utcnow()
    if otp:
        step = _matching_step(staff.mfa_secret, otp, now)
        if step is not None and Staff.objects(id=staff.id, mfa_last_step__lt=step).update_one(
            set__mfa_last_step=step
        ):
            return "otp"
        raise AppError("bad_otp")
    if recovery_code:
        if isinstance(recovery_code, str) and len(recovery_code) < 40:
            digest = _digest(recovery_code)
            used = Staff.objects(id=staff.id, recovery_codes=digest).update_one(
                pull__recovery_codes=digest
            )
            if used:
                return "recovery_code"
        raise AppError("bad_otp")
    raise AppError("mfa_required")


def reset(staff, *, actor, now=None):
    """Remove an account's second factor (the security administrator, when one is lost)."""
    require(actor, "reset_credentials")
    Staff.objects(id=staff.id).update_one(
        unset__mfa_secret=True,
        unset__mfa_pending_secret=True,
        unset__mfa_enabled_at=True,
        set__mfa_last_step=0,
        set__recovery_codes=[],
    )
    staff.reload()
    audit.record(actor=actor, action=audit.MFA_RESET, target=_target(staff), now=now)
