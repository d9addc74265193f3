"""Notices (公告): announcements the bureau publishes to parents, e.g. a blacklist batch."""

from mongoengine import BooleanField, DateTimeField, ListField, ReferenceField, StringField

from models.base import BaseDocument
from models.institution import Institution

TITLE_MAX = 100
BODY_MAX = 10000
INSTITUTIONS_MAX = 200


class Notice(BaseDocument):
    """An announcement: a draft until published; withdrawing hides it from parents again."""

    title = StringField(required=True, max_length=TITLE_MAX)
    body = StringField(required=True, max_length=BODY_MAX)
    # Institutions the notice lists (a blacklist batch, a whitelist update ...).
    institutions = ListField(ReferenceField(Institution))
    published = BooleanField(default=False)
    published_at = DateTimeField()
    created_by = StringField()  # staff username; internal
    updated_by = StringField()

    meta = {
        "collection": "notices",
        "indexes": [
            {"fields": ["published", "-published_at", "-id"]},  # what parents see
            {"fields": ["published", "-created_at", "-id"]},  # the console, filtered
            {"fields": ["-created_at", "-id"]},  # the console, all
        ],
    }
