"""The staff console at /console: server-rendered pages over the same services as the staff API.

Pages call `server/services/*` directly with the signed-in account, so the role and queue
checks are the services' own, exactly as the staff API applies them. The session lives in a
signed cookie scoped to /console (the APIs never see it): staff id and token version, checked
against the account on every request, plus the CSRF token every form carries.
"""

from datetime import timedelta

from flask import Blueprint, g, redirect, request, url_for
from jinja2 import ChainableUndefined

from server.console import csrf, signin

# Endpoints reachable without signing in.
PUBLIC_ENDPOINTS = {"console.login", "console.static"}


def create_blueprint():
    """The console Blueprint with every page module's routes."""
    from server.console import (
        accounts,
        auth,
        complaints,
        home,
        institutions,
        intake,
        notices,
        rectifications,
        stats,
        warnings,
        worklist,
    )

    blueprint = Blueprint(
        "console",
        __name__,
        url_prefix="/console",
        template_folder="templates",
        static_folder="static",
    )
    blueprint.before_request(guard_request)
    blueprint.after_request(secure_headers)
    for module in (
        auth,
        home,
        worklist,
        intake,
        complaints,
        institutions,
        rectifications,
        stats,
        notices,
        accounts,
        warnings,
    ):
        module.register(blueprint)
    return blueprint


def init_app(app):
    """Session cookie settings, template helpers and the console Blueprint."""
    from server.console import filters

    app.config.update(
        SESSION_COOKIE_NAME="sj_console",
        SESSION_COOKIE_PATH="/console",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=app.config["STAFF_TOKEN_TTL"]),
    )
    # A missing field renders as nothing instead of failing the page, however deep the
    # lookup (the environment may exist already: flask-restx touches it while registering).
    app.jinja_options = {**app.jinja_options, "undefined": ChainableUndefined}
    app.jinja_env.undefined = ChainableUndefined
    filters.init_app(app)
    app.register_blueprint(create_blueprint())


def guard_request():
    """Load the signed-in account (re-checked every request), send strangers to the login
    page, and refuse a form without the session's CSRF token."""
    if request.endpoint == "console.static":
        return None  # stylesheet and script: no account lookup needed
    g.staff = signin.load_staff()
    if request.endpoint not in PUBLIC_ENDPOINTS and g.staff is None:
        if request.method == "GET":
            return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
        return redirect(url_for("console.login"))
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.check()
    return None


def secure_headers(response):
    """No framing, no inline script, nothing cached: pages show personal data."""
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    )
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "console.static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response
