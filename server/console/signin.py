"""Console sign-in state: who is signed in, re-checked against the account on every request.

The session keeps only the staff id, the account's `token_version` at sign-in, the sign-in
time (by the app's clock) and the CSRF token. Disabling an account or changing its password bumps
`token_version`, so the next console request of that account finds a mismatch and signs
it out, exactly as its API tokens stop working.
"""

import functools
from urllib.parse import urlsplit

from bson import ObjectId
from flask import current_app, flash, g, session

from models.staff import Staff
from server.clock import utcnow
from server.console import csrf
from server.errors import AppError

SESSION_KEYS = ("staff_id", "ver", "login_at")


def sign_in(staff):
    """Start a fresh session for `staff` (a new CSRF token: no session fixation)."""
    session.clear()
    session.permanent = True
    session["staff_id"] = str(staff.id)
    session["ver"] = staff.token_version
    session["login_at"] = int(utcnow().timestamp())
    csrf.rotate()


def sign_out():
    """Forget the signed-in account (a new CSRF token for the login form)."""
    session.clear()
    csrf.rotate()


def load_staff():
    """The signed-in, active account of this request, or None (a stale session is cleared)."""
    staff_id = session.get("staff_id")
    if not staff_id:
        return None
    staff = Staff.objects(id=staff_id).first() if ObjectId.is_valid(staff_id) else None
    max_age = current_app.config["STAFF_TOKEN_TTL"]
    expired = utcnow().timestamp() - float(session.get("login_at") or 0) > max_age
    if staff is None or not staff.active or session.get("ver") != staff.token_version or expired:
        sign_out()
        flash("登录已失效，请重新登录", "info")
        return None
    return staff


def current_staff():
    """The signed-in account (the console's guard has checked there is one)."""
    return g.staff


def roles_required(*roles):
    """Let a page through only for accounts holding one of `roles` (admin holds all)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not g.staff.has_role(*roles):
                raise AppError("forbidden")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def safe_next(target, default):
    """`target` if it is a path inside the console, else `default` (no open redirect)."""
    if not isinstance(target, str) or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    if parts.path != "/console" and not parts.path.startswith("/console/"):
        return default
    return target
