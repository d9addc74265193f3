"""Signed, expiring bearer tokens for parents and staff, and the decorators that check them.

A parent's token and a staff token carry different audiences, so one never opens the
other's API. Staff tokens carry the account's `token_version`: disabling an account or
changing its password makes its older tokens fail on the next request. Expiry is checked
against the app's clock (`utcnow()`), the clock that issued the token, not PyJWT's wall clock.
"""

import functools
import operator
import secrets
from datetime import timedelta

import jwt
from bson import ObjectId
from flask import current_app, g, request

from models.parent import Parent
from models.staff import Staff
from server.clock import utcnow
from server.errors import AppError
from server.services.admin import MFA_ENROL, PASSWORD_CHANGE, is_token_revoked, scope_for
from server.services.permissions import roles_for

SCOPE_ERRORS = {
    PASSWORD_CHANGE: "password_change_required",
    MFA_ENROL: "mfa_enrolment_required",
}

PARENT_AUDIENCE = "mp"
STAFF_AUDIENCE = "staff"
ALGORITHM = "HS256"
# PyJWT would check these against the wall clock; `_check_times` uses the app's clock.
TIME_CHECKS_OFF = {"verify_exp": False, "verify_nbf": False, "verify_iat": False}
# (claim, test against now) as PyJWT applies them: valid while exp > now >= nbf, iat.
TIME_CLAIMS = (("exp", operator.gt), ("nbf", operator.le), ("iat", operator.le))


def issue_token(subject, audience, ttl, **claims):
    """A signed token for `subject` valid for `ttl` seconds; returns (token, ttl)."""
    now = utcnow()
    payload = {
        "sub": str(subject),
        "aud": audience,
        "iat": now,
        "exp": now + timedelta(seconds=ttl),
    }
    payload.update(claims)
    return jwt.encode(payload, current_app.config["SECRET_KEY"], algorithm=ALGORITHM), ttl


def issue_parent_token(parent):
    """A parent's token and its lifetime in seconds."""
    return issue_token(parent.id, PARENT_AUDIENCE, current_app.config["PARENT_TOKEN_TTL"])


def issue_staff_token(staff, scope=None):
    """A staff member's token and its lifetime in seconds; a `scope` ("password_change",
    "mfa_enrol") limits it to the endpoints that finish that step."""
    ttl = current_app.config["STAFF_TOKEN_TTL"]
    claims = {"ver": staff.token_version, "jti": secrets.token_urlsafe(16)}
    if scope:
        claims["scope"] = scope
    return issue_token(staff.id, STAFF_AUDIENCE, ttl, **claims)


def _claims(audience):
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AppError("unauthorized")
    try:
        claims = jwt.decode(
            token.strip(),
            current_app.config["SECRET_KEY"],
            algorithms=[ALGORITHM],
            audience=audience,
            options={"require": ["exp", "sub", "aud"], **TIME_CHECKS_OFF},
        )
    except jwt.PyJWTError:
        raise AppError("invalid_token") from None
    _check_times(claims)
    if not ObjectId.is_valid(claims["sub"]):
        raise AppError("invalid_token")
    return claims


def _check_times(claims):
    """Refuse a token whose `exp` has passed, or whose `nbf`/`iat` lies ahead, by the app clock."""
    now = utcnow().timestamp()
    for name, holds in TIME_CLAIMS:
        value = claims.get(name, now)  # `exp` is required, so only nbf/iat may be missing
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not (number and holds(value, now)):
            raise AppError("invalid_token")


def current_parent():
    """The signed-in parent of this request (checked by `parent_required`)."""
    if "parent" not in g:
        claims = _claims(PARENT_AUDIENCE)
        parent = Parent.objects(id=claims["sub"]).first()
        if parent is None:
            raise AppError("invalid_token")
        g.parent = parent
    return g.parent


def current_staff(scopes=()):
    """The signed-in, active staff member of this request (checked by `staff_required`);
    a limited token passes only where its scope is among `scopes`."""
    if "staff" not in g:
        claims = _claims(STAFF_AUDIENCE)
        staff = Staff.objects(id=claims["sub"]).first()
        if staff is None or not staff.active or claims.get("ver") != staff.token_version:
            raise AppError("invalid_token")
        if is_token_revoked(claims.get("jti")):
            raise AppError("invalid_token")
        g.staff, g.staff_claims = staff, claims
    scope = g.staff_claims.get("scope")
    if scope and scope not in scopes and not g.get("scope_passed"):
        raise AppError(SCOPE_ERRORS.get(scope, "forbidden"))
    g.scope_passed = True  # the endpoint's own decorator let this scope in
    return g.staff


def current_token_claims():
    """The claims of this request's staff token (after `current_staff`)."""
    return g.staff_claims


def parent_required(func):
    """Let the request through only with a valid parent token."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        current_parent()
        return func(*args, **kwargs)

    return wrapper


def staff_required(*roles, can=None, scopes=()):
    """Allow only a valid staff token holding one of `roles`, or permission `can` (else the
    county's "work"; `own_account` lets every account in); a limited token (must change its
    password, must enrol a second factor) only where its scope is in `scopes`."""
    if can == "own_account":
        roles = ()
    elif can is not None or not roles:
        roles = roles_for(can or "work")

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            staff = current_staff(scopes)
            if roles and not staff.has_role(*roles):
                raise AppError("forbidden")
            return func(*args, **kwargs)

        return wrapper

    return decorator


def scope_of(staff):
    """The limited scope a new session or token of `staff` starts in (must change the
    password, must enrol a second factor), or None; the same for the API and the console."""
    config = current_app.config
    return scope_for(
        staff,
        max_age_days=config["PASSWORD_MAX_AGE_DAYS"],
        mfa_roles=config["MFA_REQUIRED_ROLES"],
    )
