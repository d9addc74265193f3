"""The signed-in account's own pages: change the password, enrol a second factor (the QR
code drawn by the server), both also the forced first steps of a limited session."""

from flask import Response, flash, redirect, request, url_for

from server.auth import scope_of
from server.console import forms, pages, signin
from server.console.auth import SCOPE_PAGES
from server.console.signin import current_staff
from server.errors import AppError
from server.services.admin import (
    PASSWORD_RULES,
    change_password,
    confirm_mfa,
    otpauth_uri,
    qr_png,
    start_mfa,
)


def _next_page():
    scope = scope_of(current_staff())
    return redirect(url_for(SCOPE_PAGES[scope]) if scope else url_for("console.home"), code=303)


def password():
    """The password form; a POST changes it (every other session of the account ends)."""
    context = {"title": "修改密码", "rules": list(PASSWORD_RULES.values())}
    if request.method == "GET":
        return pages.page("console/me_password.html", **context)
    try:
        staff = change_password(
            current_staff(),
            old_password=request.form.get("old_password", ""),
            password=request.form.get("password", ""),
        )
    except AppError as exc:
        return forms.failed("console/me_password.html", exc, **context)
    signin.sign_in(staff)  # the change ended the old session with every other
    flash("密码已修改，其他设备上的登录已失效", "success")
    return _next_page()


def _mfa_context(staff):
    return {
        "title": "动态口令（双因素认证）",
        "enabled": bool(staff.mfa_secret),
        "pending": staff.mfa_pending_secret if not staff.mfa_secret else None,
        "codes_left": len(staff.recovery_codes or []),
    }


def mfa_page():
    """Second-factor status; POST `start` shows a QR code, POST `confirm` finishes."""
    staff = current_staff()
    if request.method == "GET":
        return pages.page("console/me_mfa.html", **_mfa_context(staff))
    try:
        if request.form.get("step") == "start":
            start_mfa(staff)
            return redirect(url_for("console.me_mfa"), code=303)
        codes = confirm_mfa(staff, forms.text("code"))
    except AppError as exc:
        return forms.failed("console/me_mfa.html", exc, **_mfa_context(staff))
    signin.sign_in(staff)  # a fresh session, no longer limited to enrolling
    return pages.page("console/me_mfa.html", recovery_codes=codes, **_mfa_context(staff))


def mfa_qr():
    """The pending enrolment's QR code as a PNG, drawn here (the secret never leaves)."""
    staff = current_staff()
    if not staff.mfa_pending_secret or staff.mfa_secret:
        raise AppError("not_found")
    image = qr_png(otpauth_uri(staff, staff.mfa_pending_secret))
    return Response(image, mimetype="image/png", headers={"Cache-Control": "no-store"})


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/me/password", "me_password", password, methods=["GET", "POST"])
    blueprint.add_url_rule("/me/mfa", "me_mfa", mfa_page, methods=["GET", "POST"])
    blueprint.add_url_rule("/me/mfa/qr.png", "me_mfa_qr", mfa_qr)
