"""Console sign-in and sign-out pages, on the staff service's own authenticate (budgets,
second factor, audit). A successful sign-in leaves a device cookie (OWASP): the next
sign-in from this browser is counted apart from guesses made anywhere else."""

from datetime import timedelta

from flask import current_app, g, redirect, request, url_for

from server.auth import scope_of
from server.console import pages, signin
from server.errors import AppError
from server.services import audit
from server.services.admin import MFA_ENROL, PASSWORD_CHANGE, authenticate

DEVICE_COOKIE = "sj_device"
DEVICE_COOKIE_AGE = timedelta(days=365)
# Where a session of a limited scope must go first.
SCOPE_PAGES = {
    PASSWORD_CHANGE: "console.me_password",
    MFA_ENROL: "console.me_mfa",
}


def _failed(exc, target, username):
    return pages.page(
        "console/login.html",
        status=exc.status,
        title="登录",
        next=target,
        error=pages.error_text(exc),
        username=username,
        need_code=exc.code in ("mfa_required", "bad_otp"),
    )


def login():
    """The sign-in form; a POST checks the credentials (401 and 429 shown on the form)."""
    target = signin.safe_next(request.values.get("next"), url_for("console.home"))
    if request.method == "GET":
        if g.staff is not None:
            return redirect(target)
        return pages.page("console/login.html", title="登录", next=target)
    username = request.form.get("username", "")
    try:
        staff, device_token, _method = authenticate(
            username,
            request.form.get("password", ""),
            address=request.remote_addr,
            device_token=request.cookies.get(DEVICE_COOKIE),
            otp=(request.form.get("otp") or "").strip() or None,
            recovery_code=(request.form.get("recovery_code") or "").strip() or None,
        )
    except AppError as exc:
        return _failed(exc, target, username)
    signin.sign_in(staff)
    scope = scope_of(staff)
    response = redirect(url_for(SCOPE_PAGES[scope]) if scope else target, code=303)
    response.set_cookie(
        DEVICE_COOKIE,
        device_token,
        max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
        path="/console",
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def logout():
    """Sign out and go back to the sign-in form."""
    if g.staff is not None:
        audit.record(
            actor=g.staff,
            action=audit.SIGN_OUT,
            target=f"staff:{g.staff.username}",
            details={"via": "console"},
        )
    signin.sign_out()
    return redirect(url_for("console.login"), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    blueprint.add_url_rule("/logout", "logout", logout, methods=["POST"])
