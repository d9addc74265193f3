"""Staff sign-in: constant work per attempt, failure limits an outsider cannot turn against
the real user, and an admin's unlock.

- Every attempt checks one password hash: an unknown (or disabled) username is checked
  against a dummy hash made with the configured method, so the answer takes as long as
  for a real account and usernames cannot be told apart by timing.
- Attempts are counted per username AND client address, and the count is taken (one
  atomic `$inc`) BEFORE the password is checked: however many requests race, at most
  MAX_ATTEMPTS passwords are checked per pair and window. A success clears its pair.
- Someone guessing from another address therefore never locks the real user out. Across
  all addresses an account that has seen ACCOUNT_FAILURES failures in the window is slowed
  down instead: one password check per ACCOUNT_SPACING for every address the account has
  not signed in from lately, which stops a guessing campaign; an address it signed in
  from in the last TRUSTED_FOR is not slowed down (the pair limit still holds there).
- Admins clear all of an account's counters (`unlock`), from the staff API or the console.
"""

import re
from datetime import timedelta

from models.infra import RateWindow
from models.staff import Staff
from server.errors import AppError, validation_error
from server.services.admin.permissions import require
from server.services.common import passwords, ratelimit

WINDOW = timedelta(minutes=15)
MAX_ATTEMPTS = 5  # password checks per (username, address) and window
ACCOUNT_FAILURES = 20  # failures from all addresses before the account is slowed down
ACCOUNT_SPACING = timedelta(seconds=10)  # then: one password check per this, account-wide
TRUSTED_FOR = timedelta(days=30)  # an address the account signed in from is known this long
_dummy_hashes = {}  # hash method -> a hash of a random password made with it


def _user(username):
    return username.strip().lower()


def _pair_key(username, address):
    return f"staff-login:{_user(username)}@{address or '-'}"


def _account_key(username):
    return f"staff-login-account:{_user(username)}"


def _slot_key(username):
    return f"staff-login-slot:{_user(username)}"


def _trusted_key(username, address):
    return f"staff-login-known:{_user(username)}@{address or '-'}"


def authenticate(username, password, *, address, now=None):
    """The active account for these credentials; 401 `bad_credentials`, 429 `locked`."""
    if not isinstance(username, str) or not isinstance(password, str) or not username.strip():
        raise validation_error({"username": "请输入用户名和密码"})
    if len(username) > 100 or len(password) > 1000:
        raise AppError("bad_credentials")  # no hash over a megabyte of "password"
    _take_attempt(username, address, now)
    staff = Staff.objects(username=username.strip()).first()
    known = staff is not None and staff.active
    stored = staff.password_hash if known else _dummy_hash()
    if not passwords.verify_password(stored, password) or not known:
        ratelimit.hit(_account_key(username), window=WINDOW, now=now)
        raise AppError("bad_credentials")
    ratelimit.reset(_pair_key(username, address))
    ratelimit.reset(_trusted_key(username, address))  # a fresh TRUSTED_FOR from now
    ratelimit.hit(_trusted_key(username, address), window=TRUSTED_FOR, now=now)
    return staff


def _take_attempt(username, address, now):
    """Count this attempt before any password is checked; 429 `locked` past the limits."""
    if ratelimit.hit(_pair_key(username, address), window=WINDOW, now=now) > MAX_ATTEMPTS:
        raise AppError("locked")
    if ratelimit.current(_account_key(username), window=WINDOW, now=now) < ACCOUNT_FAILURES:
        return
    if ratelimit.current(_trusted_key(username, address), window=TRUSTED_FOR, now=now):
        return  # the real user's usual address is not slowed down by a campaign
    if ratelimit.hit(_slot_key(username), window=ACCOUNT_SPACING, now=now) > 1:
        seconds = int(ACCOUNT_SPACING.total_seconds())
        raise AppError("locked", f"该账号近期登录失败次数过多，请 {seconds} 秒后再试")


def _dummy_hash():
    """A hash with the configured method's cost, for usernames that match no account."""
    method = passwords.settings["method"]
    if method not in _dummy_hashes:
        _dummy_hashes[method] = passwords.hash_password("no-such-account-" + method)
    return _dummy_hashes[method]


def unlock(staff, *, actor):
    """Clear every sign-in counter of `staff` (all addresses and the account-wide ones);
    `manage_staff` only."""
    require(actor, "manage_staff")
    user = re.escape(_user(staff.username))
    RateWindow.objects(key__regex=f"^staff-login:{user}@").delete()
    for key in (_account_key(staff.username), _slot_key(staff.username)):
        ratelimit.reset(key)
