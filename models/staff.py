"""Bureau staff accounts (password hash, roles, the queues they work) and console sessions."""

from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    IntField,
    ListField,
    ObjectIdField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.choices import STAFF_ROLES, WORK_ROLES
from models.queue import Queue


class Staff(BaseDocument):
    """A staff member who signs in to the staff API or console."""

    username = StringField(required=True, unique=True, regex=r"^[A-Za-z0-9_.-]{2,40}$")
    name = StringField(required=True, max_length=60)
    password_hash = StringField(required=True)
    roles = ListField(StringField(choices=list(STAFF_ROLES)), default=list)
    queues = ListField(ReferenceField(Queue))
    active = BooleanField(default=True)
    # Bumped when the password changes or the account is disabled: older tokens stop working.
    token_version = IntField(default=0)
    # The username lowercased: unique, so `Admin` cannot be created beside `admin`.
    username_key = StringField(unique=True, sparse=True)
    password_changed_at = DateTimeField()
    password_history = ListField(StringField(), default=list)  # hashes of the last passwords
    must_change_password = BooleanField(default=False)
    # Second factor (TOTP): the confirmed secret, one waiting for confirmation, the last
    # time step accepted (a code is never accepted twice) and the hashed recovery codes.
    mfa_secret = StringField()
    mfa_pending_secret = StringField()
    mfa_enabled_at = DateTimeField()
    mfa_last_step = IntField(default=0)
    recovery_codes = ListField(StringField(), default=list)

    meta = {"collection": "staff", "ordering": ["username"]}

    def clean(self):
        """Keep `username_key` in step with the username."""
        self.username_key = (self.username or "").lower() or None

    def has_role(self, *roles):
        """Whether the account holds any of `roles` (admin also holds every work role, but
        never the security administrator's or the auditor's)."""
        held = set(self.roles)
        if "admin" in held:
            held.update(WORK_ROLES)
        return any(role in held for role in roles)


class ConsoleSession(Document):
    """One signed-in console session, kept on the server so that signing out ends it: the
    cookie carries a random session id, the store only its SHA-256 (`_id`)."""

    id = StringField(primary_key=True)
    staff = ObjectIdField(required=True)
    expires_at = DateTimeField(required=True)

    meta = {
        "collection": "console_sessions",
        "auto_create_index": False,
        "indexes": ["expires_at"],
    }


class RevokedToken(Document):
    """A staff API token signed out before it ran out (`POST /auth/logout`), by its `jti`.

    Kept until the token's own expiry; expired records are cleared by the app's clock on
    the next sign-out (no TTL index: that would delete by the wall clock).
    """

    id = StringField(primary_key=True)
    expires_at = DateTimeField(required=True)

    meta = {
        "collection": "revoked_tokens",
        "auto_create_index": False,
        "indexes": ["expires_at"],
    }
