"""Console sessions kept on the server: signing out ends one for good, whoever copied its
cookie. The cookie holds a random session id; the store holds only its SHA-256, the account
and its expiry, so a leaked store opens no session.

How long a session lasts is the console's own check (its sign-in time, STAFF_TOKEN_TTL);
`expires_at` only says when a record nobody signed out of may go, and each sign-in clears
those (by the app's clock: no TTL index, which would delete by the wall clock instead).
"""

import hashlib
import secrets
from datetime import timedelta

from models.staff import ConsoleSession
from server.clock import utcnow


def _digest(session_id):
    return hashlib.sha256(session_id.encode()).hexdigest()


def open_session(staff, *, ttl_seconds, now=None):
    """Start a session for `staff` (clearing expired ones); the id to put in the cookie."""
    now = now or utcnow()
    ConsoleSession.objects(expires_at__lte=now).delete()
    session_id = secrets.token_urlsafe(32)
    expires_at = now + timedelta(seconds=ttl_seconds)
    ConsoleSession(id=_digest(session_id), staff=staff.id, expires_at=expires_at).save(
        force_insert=True
    )
    return session_id


def session_staff_id(session_id):
    """The account id of a session that was opened and not ended, or None."""
    if not isinstance(session_id, str) or not session_id:
        return None
    found = ConsoleSession.objects(id=_digest(session_id)).first()
    return found.staff if found else None


def close_session(session_id):
    """End a session (signing out); nothing happens for an unknown id."""
    if isinstance(session_id, str) and session_id:
        ConsoleSession.objects(id=_digest(session_id)).delete()
