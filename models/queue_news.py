"""Where a queue's news goes (企业微信 group robot, e-mail) and the staff outbox that sends it."""

from mongoengine import (
    DateTimeField,
    DictField,
    IntField,
    ListField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.queue import Queue


class QueueChannels(BaseDocument):
    """A queue's news channels: a group robot's webhook URL (its key is a secret) and
    e-mail addresses. Either may be empty."""

    queue = ReferenceField(Queue, required=True, unique=True)
    webhook_url = StringField(max_length=500)
    emails = ListField(StringField(max_length=120))
    updated_by = StringField()

    meta = {"collection": "queue_channels"}


class StaffMessage(BaseDocument):
    """One piece of queue news for one channel, sent by the worker once.

    `dedupe` names the event and channel ("new:TS...:wecom"): unique, so an event recorded
    twice (a retried request, two workers sweeping) is one message. The claim, lease and
    attempt log work as the parents' outbox does. The text holds only the event, category,
    institution and tracking number, never a phone number or what a parent wrote.
    """

    dedupe = StringField(required=True, unique=True)
    queue = ReferenceField(Queue, required=True)
    channel = StringField(required=True, choices=("wecom", "email"))
    event = StringField(required=True)
    subject = StringField(required=True)
    text = StringField(required=True)
    status = StringField(default="pending")  # pending | sending | sent | failed
    attempts = IntField(default=0)
    next_attempt_at = DateTimeField()
    claimed_until = DateTimeField()
    claim = StringField()
    sent_at = DateTimeField()
    last_error = StringField()
    log = ListField(DictField())

    meta = {
        "collection": "staff_messages",
        "indexes": [
            {"fields": ["status", "next_attempt_at"]},
            {"fields": ["status", "claimed_until"]},
            {"fields": ["queue", "-created_at"]},
        ],
    }
