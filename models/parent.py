"""Parents: known only by their mini-program openid (PIPL: collect the least)."""

from mongoengine import DateTimeField, DictField, StringField

from models.base import BaseDocument


class Parent(BaseDocument):
    """A parent who logged in through wx.login; the session key never leaves the server."""

    openid = StringField(required=True, unique=True)
    session_key = StringField()  # WeChat's; never logged, never returned
    last_login_at = DateTimeField()
    # template_id -> how many subscribe messages the parent accepted and we have not used yet
    subscriptions = DictField()

    meta = {"collection": "parents"}
