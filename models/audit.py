"""The security audit: one append-only, hash-chained entry per important staff action.

Entries are written only by `server.services.audit` and never updated or deleted (retention
does not touch this collection, and no TTL index is declared on it). `seq` numbers the chain
without gaps; its unique index is what lets writers in several processes append safely:
two writers that read the same head both try the same `seq` and only one insert succeeds.
"""

from mongoengine import DateTimeField, DictField, Document, IntField, ListField, StringField


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a stored audit entry."""


class AuditEntry(Document):
    """One link of the audit chain: who did what to which target, when, with what outcome."""

    seq = IntField(required=True, min_value=1)
    at = DateTimeField(required=True)
    actor_id = StringField(max_length=24)
    actor_username = StringField(max_length=100)
    actor_roles = ListField(StringField(max_length=40))
    client_addr = StringField(max_length=64)
    action = StringField(required=True, max_length=60)
    target = StringField(max_length=200)
    outcome = StringField(required=True, max_length=20)
    details = DictField()
    prev_hash = StringField(required=True, max_length=64)
    hash = StringField(required=True, max_length=64)

    meta = {
        "collection": "audit_entries",
        "auto_create_index": False,
        "indexes": [
            {"fields": ["-seq"], "unique": True},
            {"fields": ["at", "-seq"]},
            {"fields": ["actor_username", "-seq"]},
            {"fields": ["action", "-seq"]},
            {"fields": ["target", "-seq"]},
        ],
    }

    def save(self, *args, **kwargs):
        """Insert a new entry; a stored entry is never saved again."""
        if self.pk is not None and not self._created:
            raise AppendOnlyError("audit entries are append-only")
        return super().save(*args, **kwargs)

    def update(self, **kwargs):
        """Refused: audit entries are append-only."""
        raise AppendOnlyError("audit entries are append-only")

    def delete(self, *args, **kwargs):
        """Refused: audit entries are append-only."""
        raise AppendOnlyError("audit entries are append-only")
