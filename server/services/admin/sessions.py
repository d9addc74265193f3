"""Staff sessions: what a fresh sign-in may do first, signing out, ending every session.

- A sign-in whose password must change (first sign-in, after a reset, or older than
  PASSWORD_MAX_AGE_DAYS) gets a token of scope "password_change", which only
  `PATCH /me` accepts; an account whose role requires a second factor it has not enrolled
  gets scope "mfa_enrol", which only the enrolment endpoints accept.
- Signing out revokes the token it is called with (its `jti`) until the token runs out.
- The security administrator ends every session of an account: its `token_version` is
  bumped (every API token and console session of it stops on the next request).
"""

from models.staff import ConsoleSession, RevokedToken, Staff
from server.clock import utcnow
from server.services import audit
from server.services.admin import password_policy
from server.services.permissions import require

PASSWORD_CHANGE = "password_change"
MFA_ENROL = "mfa_enrol"


def scope_for(staff, *, max_age_days, mfa_roles, now=None):
    """The limited scope a new token of `staff` gets, or None for a full token."""
    now = now or utcnow()
    if staff.must_change_password or password_policy.expired(
        staff, max_age_days=max_age_days, now=now
    ):
        return PASSWORD_CHANGE
    if not staff.mfa_secret and any(role in staff.roles for role in mfa_roles):
        return MFA_ENROL
    return None


def revoke(jti, *, expires_at, staff, now=None):
    """Sign a token out: it is refused from now on (until it would have run out anyway)."""
    now = now or utcnow()
    RevokedToken.objects(expires_at__lte=now).delete()
    RevokedToken.objects(id=jti).update_one(set__expires_at=expires_at, upsert=True)
    audit.record(
        actor=staff,
        action=audit.SIGN_OUT,
        target=f"staff:{staff.username}",
        details={"via": "api"},
        now=now,
    )


def is_revoked(jti):
    """Whether the token with this `jti` was signed out."""
    return bool(jti) and RevokedToken.objects(id=jti).first() is not None


def end_all(staff, *, actor, now=None):
    """End every API token and console session of `staff` (the security administrator)."""
    require(actor, "reset_credentials")
    Staff.objects(id=staff.id).update_one(inc__token_version=1)
    ConsoleSession.objects(staff=staff.id).delete()
    staff.reload()
    audit.record(
        actor=actor, action=audit.SESSIONS_ENDED, target=f"staff:{staff.username}", now=now
    )
