"""The mini-program's privacy notice (用户隐私保护指引): each published version is kept."""

from mongoengine import StringField

from models.base import BaseDocument

TITLE_MAX = 100
BODY_MAX = 20000
VERSION_MAX = 20


class PrivacyNotice(BaseDocument):
    """One version of the notice parents agree to; the newest effective one is current."""

    version = StringField(required=True, max_length=VERSION_MAX, unique=True)
    title = StringField(required=True, max_length=TITLE_MAX)
    body = StringField(required=True, max_length=BODY_MAX)
    # The Shanghai date it takes effect, YYYY-MM-DD (sorts and compares as text).
    effective_date = StringField(required=True, regex=r"^\d{4}-\d{2}-\d{2}$")
    updated_by = StringField()  # staff username; internal

    meta = {
        "collection": "privacy_notices",
        "indexes": [{"fields": ["-effective_date", "-created_at"]}],  # the current one
    }
