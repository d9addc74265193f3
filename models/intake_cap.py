"""Intake caps reached: one record per cap, scope and hour, so staff see a flood as it hits."""

from mongoengine import DateTimeField, Document, IntField, StringField


class IntakeCapEvent(Document):
    """A cap (complaints, uploads or sign-ins; per address or service-wide) reached in one
    hour window: when first, when last, and how many requests it refused since."""

    key = StringField(primary_key=True)  # cap:scope:window start
    cap = StringField(required=True)  # e.g. complaints_per_address
    scope = StringField(required=True)  # a masked client address, "service", or "parent"
    window_start = DateTimeField(required=True)
    first_at = DateTimeField(required=True)
    last_at = DateTimeField(required=True)
    refused = IntField(default=0)
    expires_at = DateTimeField()

    meta = {
        "collection": "intake_cap_events",
        "auto_create_index": False,
        "indexes": [
            "-last_at",  # staff: the caps reached lately, newest first
            {"fields": ["expires_at"], "expireAfterSeconds": 0},
        ],
    }
