"""The staff console at /console: server-rendered pages over the same services as the staff API.

Pages call `server/services/*` directly with the signed-in account, so the role and queue
checks are the services' own, exactly as the staff API applies them. The session lives in a
signed cookie scoped to /console (the APIs never see it): staff id and token version, checked
against the account on every request, plus the CSRF token every form carries.
"""

from datetime import timedelta

from flask import Blueprint, g, redirect, request, session, url_for
from jinja2 import ChainableUndefined

from server.console import (
    accounts,
    audit_pages,
    auth,
    complaints,
    csrf,
    filters,
    home,
    institutions,
    intake,
    notices,
    own_account,
    privacy,
    rectifications,
    signin,
    stats,
    warnings,
    worklist,
)
from server.services.permissions import may

# Endpoints reachable without signing in.
PUBLIC_ENDPOINTS = {"console.login", "console.static"}
# A session of a limited scope reaches only its own step's pages (and signing out).
SCOPE_ENDPOINTS = {
    "password_change": ("console.me_password", "console.logout"),
    "mfa_enrol": ("console.me_mfa", "console.me_mfa_qr", "console.logout"),
}
# Pages outside the county's work: the own account, accounts, the audit (each page checks
# its own permission). Accounts without a work role (security admin, auditor) reach only
# these; their home is the first of LANDINGS they may open.
OWN_PREFIXES = ("console.me_", "console.accounts", "console.audit")
LANDINGS = (("read_audit", "console.audit"), ("list_staff", "console.accounts"))


def create_blueprint():
    """The console Blueprint with every page module's routes."""

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
        privacy,
        accounts,
        own_account,
        audit_pages,
        warnings,
    ):
        module.register(blueprint)
    return blueprint


def init_app(app):
    """Session cookie settings, template helpers and the console Blueprint."""

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
    if g.staff is not None and request.endpoint not in PUBLIC_ENDPOINTS:
        return _confine(g.staff, request.endpoint or "")
    return None


def _confine(staff, endpoint):
    """Send a limited session to its step, and an account without a work role to its home."""
    scope = session.get("scope")
    if scope:
        allowed = SCOPE_ENDPOINTS.get(scope, ("console.logout",))
        return None if endpoint in allowed else redirect(url_for(allowed[0]))
    if may(staff, "work") or endpoint.startswith(OWN_PREFIXES) or endpoint == "console.logout":
        return None
    for permission, landing in LANDINGS:
        if may(staff, permission):
            return redirect(url_for(landing))
    return redirect(url_for("console.me_password"))


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
