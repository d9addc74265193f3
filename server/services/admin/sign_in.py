"""Staff sign-in: constant work per attempt, failure limits an outsider cannot turn against
the real user, the second factor, and unlocking.

- Every attempt checks one password hash: an unknown (or disabled) username is checked
  against a dummy hash made with the configured method, so the answer takes as long as
  for a real account and usernames cannot be told apart by timing.
- Attempts are counted BEFORE the password is checked (one atomic `$inc`), so however
  many requests race, at most MAX_ATTEMPTS passwords are checked per budget and window.
- Budgets (OWASP device cookies, `devices.py`): an attempt bringing a valid device token
  of the account is counted against that device alone; every other attempt shares the
  account's "unknown clients" budget. Guessing from rotating addresses, or a colleague's
  typos at the office, spends only the unknown budget: known devices still sign in.
- Past a budget the attempt answers 429 `locked`; administrators clear every budget of
  an account (`unlock`). Every attempt is written to the security audit with its reason.
"""

import re
from datetime import timedelta

from models.infra import RateWindow
from models.staff import Staff
from server.errors import AppError, validation_error
from server.services import audit
from server.services.admin import devices, mfa
from server.services.common import (
    hash_method,
    hash_password,
    rate_hit,
    rate_reset,
    verify_password,
)
from server.services.permissions import require

WINDOW = timedelta(minutes=15)
MAX_ATTEMPTS = 5  # password checks per budget (a known device, or all unknown clients)
_dummy_hashes = {}  # hash method -> a hash of a random password made with it


def _user(username):
    return username.strip().lower()


def _unknown_key(user):
    return f"staff-login-unknown:{user}"


def _device_key(user, device):
    return f"staff-login-device:{user}:{device}"


def authenticate(
    username, password, *, address, device_token=None, otp=None, recovery_code=None, now=None
):
    """(account, device_token, method) for these credentials; 401 `bad_credentials`,
    `mfa_required` or `bad_otp`; 429 `locked`."""
    if not isinstance(username, str) or not isinstance(password, str) or not username.strip():
        raise validation_error({"username": "请输入用户名和密码"})
    user = _user(username)[:100]
    if len(username) > 100 or len(password) > 1000:
        _refused(user, "bad_credentials", address, now)  # no hash over a megabyte
    device = devices.device_id(device_token, user, now=now)
    key = _device_key(user, device) if device else _unknown_key(user)
    if rate_hit(key, window=WINDOW, now=now) > MAX_ATTEMPTS:
        _refused(user, "locked", address, now, device=device)
    staff = Staff.objects(username_key=user).first()
    known = staff is not None and staff.active
    stored = staff.password_hash if known else _dummy_hash()
    if not verify_password(stored, password) or not known:
        _refused(user, "bad_credentials", address, now, device=device)
    method = "password"
    if staff.mfa_secret:
        try:
            method = "password+" + mfa.check(staff, otp=otp, recovery_code=recovery_code, now=now)
        except AppError as exc:
            _refused(staff, exc.code, address, now, device=device)
    rate_reset(key)
    details = {"method": method, "device": "known" if device else "new"}
    audit.record(
        actor=staff,
        action=audit.SIGN_IN,
        target=f"staff:{staff.username}",
        details=details,
        client_addr=address,
        now=now,
    )
    if method.endswith("recovery_code"):
        audit.record(
            actor=staff,
            action=audit.RECOVERY_CODE_USED,
            target=f"staff:{staff.username}",
            client_addr=address,
            now=now,
            details={"left": len(Staff.objects(id=staff.id).first().recovery_codes)},
        )
    token = devices.issue(user, device_id=device, now=now)
    return staff, token, method


def _refused(actor, reason, address, now, *, device=None):
    """Audit a refused attempt and raise its error."""
    username = actor if isinstance(actor, str) else actor.username
    audit.record(
        actor=actor,
        action=audit.SIGN_IN_FAILED,
        target=f"staff:{username}",
        outcome=audit.FAILURE,
        details={"reason": reason, "device": "known" if device else "unknown"},
        client_addr=address,
        now=now,
    )
    raise AppError(reason)


def _dummy_hash():
    """A hash with the configured method's cost, for usernames that match no account."""
    method = hash_method()
    if method not in _dummy_hashes:
        _dummy_hashes[method] = hash_password("no-such-account-" + method)
    return _dummy_hashes[method]


def unlock(staff, *, actor, now=None):
    """Clear every sign-in budget of `staff` (unknown clients and every device);
    administrators only."""
    require(actor, "unlock_accounts")
    user = re.escape(_user(staff.username))
    RateWindow.objects(key__regex=f"^staff-login-device:{user}:").delete()
    rate_reset(_unknown_key(_user(staff.username)))
    audit.record(
        actor=actor, action=audit.ACCOUNT_UNLOCKED, target=f"staff:{staff.username}", now=now
    )
