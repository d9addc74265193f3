"""CSRF tokens for console forms: one random token per session, compared in constant time.

A small own implementation (no Flask-WTF): the console has a handful of plain forms and the
APIs take bearer tokens, so there is nothing to exempt. Every form carries the session's
token in the hidden field `csrf_token` (or the `X-CSRF-Token` header); a POST without it, or
with another one, is refused with 400 `csrf_failed`. The session cookie is also
SameSite=Lax, a second line of defence.
"""

import hmac
import secrets

from flask import request, session

from server.errors import AppError

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def token():
    """This session's CSRF token, created on first use."""
    if not session.get("csrf"):
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def rotate():
    """A new token (after signing in or out)."""
    session["csrf"] = secrets.token_urlsafe(32)


def check():
    """Refuse the request unless it carries this session's token."""
    expected = session.get("csrf") or ""
    sent = request.form.get(FIELD) or request.headers.get(HEADER) or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise AppError("csrf_failed")
