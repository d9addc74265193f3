"""Console sign-in state: who is signed in, re-checked against the account on every request.

The session keeps only the staff id, the account's `token_version` at sign-in, the sign-in
time (by the app's clock), the server-side session id and the CSRF token. Disabling an
account or changing its password bumps `token_version`, so the next console request of
that account finds a mismatch and signs it out, exactly as its API tokens stop working.
Signing out deletes the server-side session, so a copy of the cookie taken before stops
working too. A session unused for CONSOLE_IDLE_MINUTES ends (`seen_at`, renewed by every
request), besides its absolute lifetime; one that must change its password or enrol a
second factor first (`scope`) reaches only those pages.
"""

import functools
from urllib.parse import urlsplit

from bson import ObjectId
from flask import current_app, flash, g, session

from models.staff import Staff
from server.auth import scope_of
from server.clock import utcnow
from server.console import csrf
from server.errors import AppError
from server.services import audit
from server.services.admin import close_session, open_session, session_staff_id
from server.services.permissions import roles_for

SESSION_KEYS = ("staff_id", "ver", "login_at", "seen_at", "sid", "scope")


def sign_in(staff):
    """Start a fresh session for `staff` (a new CSRF token: no session fixation)."""
    session.clear()
    session.permanent = True
    now = int(utcnow().timestamp())
    session["staff_id"] = str(staff.id)
    session["ver"] = staff.token_version
    session["login_at"] = session["seen_at"] = now
    session["scope"] = scope_of(staff)
    session["sid"] = open_session(staff, ttl_seconds=current_app.config["STAFF_TOKEN_TTL"])
    csrf.rotate()


def sign_out():
    """End the session on the server and forget it here (a new CSRF token for the form)."""
    close_session(session.get("sid"))
    session.clear()
    csrf.rotate()


def _idle(now):
    """Whether the session sat unused longer than CONSOLE_IDLE_MINUTES."""
    idle_seconds = current_app.config["CONSOLE_IDLE_MINUTES"] * 60
    return now - float(session.get("seen_at") or 0) > idle_seconds


def load_staff():
    """The signed-in, active account of this request, or None (a stale session is cleared)."""
    staff_id = session.get("staff_id")
    if not staff_id:
        return None
    staff = Staff.objects(id=staff_id).first() if ObjectId.is_valid(staff_id) else None
    now = utcnow().timestamp()
    expired = now - float(session.get("login_at") or 0) > current_app.config["STAFF_TOKEN_TTL"]
    live = session_staff_id(session.get("sid")) == getattr(staff, "id", None)
    stale = staff is None or not staff.active or session.get("ver") != staff.token_version
    if not (stale or expired or not live) and _idle(now):
        audit.record(actor=staff, action=audit.SESSION_EXPIRED, target=f"staff:{staff.username}")
        sign_out()
        flash("长时间未操作，已自动退出，请重新登录", "info")
        return None
    if stale or expired or not live:
        sign_out()
        flash("登录已失效，请重新登录", "info")
        return None
    session["seen_at"] = int(now)
    return staff


def current_staff():
    """The signed-in account (the console's guard has checked there is one)."""
    return g.staff


def roles_required(*roles, can=None):
    """Let a page through only for accounts holding one of `roles` or permission `can`."""
    if can is not None:
        roles = roles_for(can)

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
