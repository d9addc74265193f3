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
from models.choices import STAFF_ROLES
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

    meta = {"collection": "staff", "ordering": ["username"]}

    def has_role(self, *roles):
        """Whether the account holds any of `roles` (admin holds every role)."""
        return "admin" in self.roles or any(role in self.roles for role in roles)


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
