"""Console sessions kept on the server: signing out ends one for good, whoever copied its
cookie. The cookie holds a random session id; the store holds only its SHA-256, the account
and the expiry, so a leaked store opens no session."""

import hashlib
import secrets
from datetime import timedelta

from models.staff import ConsoleSession
from server.clock import as_utc, utcnow


def _digest(session_id):
    return hashlib.sha256(session_id.encode()).hexdigest()


def open_session(staff, *, ttl_seconds, now=None):
    """Start a session for `staff`; the session id to put in the cookie."""
    session_id = secrets.token_urlsafe(32)
    expires_at = (now or utcnow()) + timedelta(seconds=ttl_seconds)
    ConsoleSession(id=_digest(session_id), staff=staff.id, expires_at=expires_at).save(
        force_insert=True
    )
    return session_id


def session_staff_id(session_id, *, now=None):
    """The account id of a live session, or None (unknown, ended or expired)."""
    if not isinstance(session_id, str) or not session_id:
        return None
    found = ConsoleSession.objects(id=_digest(session_id)).first()
    if found is None or as_utc(found.expires_at) <= (now or utcnow()):
        return None
    return found.staff


def close_session(session_id):
    """End a session (signing out); nothing happens for an unknown id."""
    if isinstance(session_id, str) and session_id:
        ConsoleSession.objects(id=_digest(session_id)).delete()
