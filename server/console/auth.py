"""Console sign-in and sign-out pages, on the staff service's own authenticate (with lockout)."""

from flask import g, redirect, request, url_for

from server.console import pages, signin
from server.errors import AppError
from server.services.admin import authenticate


def login():
    """The sign-in form; a POST checks the credentials (401 and 429 shown on the form)."""
    target = signin.safe_next(request.values.get("next"), url_for("console.home"))
    if request.method == "GET":
        if g.staff is not None:
            return redirect(target)
        return pages.page("console/login.html", title="登录", next=target)
    username = request.form.get("username", "")
    try:
        staff = authenticate(
            username, request.form.get("password", ""), address=request.remote_addr
        )
    except AppError as exc:
        return pages.page(
            "console/login.html",
            status=exc.status,
            title="登录",
            next=target,
            error=pages.error_text(exc),
            username=username,
        )
    signin.sign_in(staff)
    return redirect(target, code=303)


def logout():
    """Sign out and go back to the sign-in form."""
    signin.sign_out()
    return redirect(url_for("console.login"), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/login", "login", login, methods=["GET", "POST"])
    blueprint.add_url_rule("/logout", "logout", logout, methods=["POST"])
