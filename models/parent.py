"""Parents: known only by their mini-program openid (PIPL: collect the least)."""

from mongoengine import (
    DateTimeField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.base import BaseDocument


class Subscription(EmbeddedDocument):
    """Subscribe messages of one template the parent accepted and we have not used yet.

    Stored as list items, never as `subscriptions.<template_id>`: a template id comes from
    the client, and a field path a client controls ("", "$x", "a..b") is a write error.
    """

    template_id = StringField(required=True)
    count = IntField(default=0, min_value=0)


class Parent(BaseDocument):
    """A parent who logged in through wx.login; the session key never leaves the server."""

    openid = StringField(required=True, unique=True)
    session_key = StringField()  # WeChat's; never logged, never returned
    last_login_at = DateTimeField()
    subscriptions = ListField(EmbeddedDocumentField(Subscription))

    meta = {"collection": "parents"}

    def accepted(self, template_id):
        """How many messages of `template_id` the parent has accepted and we have not sent."""
        return sum(s.count for s in self.subscriptions if s.template_id == template_id)
