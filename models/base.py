"""The abstract base every document shares: creation and update times in UTC."""

from datetime import UTC, datetime

from mongoengine import DateTimeField, Document


def utcnow():
    """The current time, timezone-aware UTC (what every stored time is)."""
    return datetime.now(UTC)


class BaseDocument(Document):
    """A document with `created_at` and `updated_at`, both set on save."""

    created_at = DateTimeField(default=utcnow, required=True)
    updated_at = DateTimeField(default=utcnow, required=True)

    # Indexes are created by `flask create-indexes` (server/db/indexes.py), never lazily.
    meta = {"abstract": True, "auto_create_index": False}

    def save(self, *args, **kwargs):
        """Save, stamping `updated_at`."""
        self.updated_at = utcnow()
        return super().save(*args, **kwargs)
