"""State that several app processes share: cached values, rate-limit windows, counters,
the first answers to creating POSTs (Idempotency-Key)."""

from mongoengine import BooleanField, DateTimeField, Document, IntField, ObjectIdField, StringField


class CachedValue(Document):
    """A shared key/value with expiry, e.g. the one WeChat access token for all workers."""

    key = StringField(primary_key=True)
    value = StringField()
    expires_at = DateTimeField()

    meta = {
        "collection": "cached_values",
        "auto_create_index": False,
        "indexes": [{"fields": ["expires_at"], "expireAfterSeconds": 0}],
    }


class RateWindow(Document):
    """A fixed-window counter (login failures, daily submissions) keyed by what it limits."""

    key = StringField(primary_key=True)
    count = IntField(default=0)
    started_at = DateTimeField()
    expires_at = DateTimeField()

    meta = {
        "collection": "rate_windows",
        "auto_create_index": False,
        "indexes": [{"fields": ["expires_at"], "expireAfterSeconds": 0}],
    }


class Counter(Document):
    """An atomic sequence (e.g. one per Shanghai day for tracking numbers), bumped with $inc."""

    key = StringField(primary_key=True)
    value = IntField(default=0)
    expires_at = DateTimeField()

    meta = {
        "collection": "counters",
        "auto_create_index": False,
        "indexes": [{"fields": ["expires_at"], "expireAfterSeconds": 0}],
    }


class IdempotencyRecord(Document):
    """The first answer to a creating POST, kept a day per (owner, endpoint, Idempotency-Key).

    `status` is None while the first request is still creating (a claim); then it holds the
    answer's HTTP status and `body` its JSON text. `unit` is the id of what the request
    creates, drawn with the claim: every attempt under this key creates under that id, so
    the store itself refuses a second copy. `abandoned` marks a claim whose attempt failed
    with the outcome unknown (the store went away), for the next attempt to take over.
    """

    owner = StringField(required=True)  # "parent:<id>" or "staff:<id>"
    endpoint = StringField(required=True)
    key = StringField(required=True)
    created_at = DateTimeField(required=True)
    unit = ObjectIdField()
    abandoned = BooleanField()
    status = IntField()
    body = StringField()

    meta = {
        "collection": "idempotency_records",
        "auto_create_index": False,
        "indexes": [
            {"fields": ["owner", "endpoint", "key"], "unique": True},
            {"fields": ["created_at"], "expireAfterSeconds": 24 * 60 * 60},
        ],
    }


class PushNonce(Document):
    """A WeChat message push already acted on ("timestamp:nonce"): a replay is refused.

    Kept a little longer than the timestamp window, after which the timestamp alone
    refuses the push; the TTL index removes it for every process at once.
    """

    key = StringField(primary_key=True)
    expires_at = DateTimeField(required=True)

    meta = {
        "collection": "push_nonces",
        "auto_create_index": False,
        "indexes": [{"fields": ["expires_at"], "expireAfterSeconds": 0}],
    }
