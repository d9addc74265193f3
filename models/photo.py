"""Photos parents upload: stored re-encoded in GridFS, checked by WeChat, owned by one parent."""

from mongoengine import (
    DateTimeField,
    DictField,
    IntField,
    ObjectIdField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.parent import Parent

# WeChat's content-check verdicts: a photo is shown to its parent only once it is `pass`;
# staff see every photo. `unchecked` means WeChat's check failed, was down, or never
# answered (manual review; `check_error` says which).
MODERATION_STATES = ("pending", "pass", "review", "risky", "unchecked")


class Photo(BaseDocument):
    """One uploaded photo: the full-size and thumbnail JPEGs live in GridFS."""

    owner = ReferenceField(Parent, required=False)  # cut by retention (PIPL); None afterwards
    sha256 = StringField(required=True)  # of the uploaded bytes: one stored copy per parent
    full_file = ObjectIdField(required=True)
    thumb_file = ObjectIdField(required=True)
    width = IntField(required=True)
    height = IntField(required=True)
    bytes = IntField(required=True)  # size of the stored full-size JPEG
    moderation = StringField(choices=MODERATION_STATES, default="pending")
    trace_id = StringField()  # WeChat mediaCheckAsync trace id, to match its pushed verdict
    checked_at = DateTimeField()
    # Why it is `unchecked`: {"code", "at", "detail"?} (labels in choices.REVIEW_REASONS).
    check_reason = DictField()
    # Until a complaint or supplement shows it: when the worker deletes it (24 hours after
    # upload, pushed on while a submission attaches it); unset once it is seen attached.
    unattached_until = DateTimeField()

    meta = {
        "collection": "photos",
        "indexes": [
            {"fields": ["owner", "sha256", "id"]},  # the parent's copy of these bytes, oldest
            {"fields": ["trace_id"], "sparse": True},
            {"fields": ["moderation", "created_at"]},  # the sweep of photos still pending
            {"fields": ["unattached_until"], "sparse": True},  # the sweep of unused uploads
        ],
    }
