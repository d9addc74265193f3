"""A queue's news channels, as admins set them: a 企业微信 group robot and e-mail addresses.

The robot's webhook URL carries its key, a secret: it is stored whole, shown to staff with
the key masked, and never logged. A URL must be https (the real robot is
qyapi.weixin.qq.com), or http to loopback, where demo mode and tests run the fake robot.
"""

import re
from urllib.parse import parse_qs, urlsplit

from bson import ObjectId

from models.queue import Queue
from models.queue_news import QueueChannels
from server.errors import AppError, validation_error
from server.services import audit
from server.services.common import Form, Items, Text, check
from server.services.permissions import require
from server.services.queue_news.shapes import QueueChannelsView

EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9.-]{1,100}\.[A-Za-z]{2,20}$")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ChannelsInput(Form):
    """PUT /queues/{id}/channels."""

    reasons = {
        "webhook_url": "请填写企业微信群机器人的 Webhook 地址（含 key）",
        "emails": "最多 10 个邮箱地址",
    }
    webhook_url: Text(500) | None = None
    emails: Items(Text(120), 10) | None = None


def _queue(queue_id):
    queue = Queue.objects(id=queue_id).first() if ObjectId.is_valid(str(queue_id)) else None
    if queue is None:
        raise AppError("not_found")
    return queue


def check_webhook(url):
    """The URL if it is a robot webhook we may call, else a 400 on `webhook_url`."""
    parts = urlsplit(url)
    key = parse_qs(parts.query).get("key", [""])[0]
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
    if not (secure and parts.hostname and key):
        raise validation_error({"webhook_url": ChannelsInput.reasons["webhook_url"]})
    return url


def masked_url(url):
    """The webhook URL with all but the key's last four characters hidden."""
    if not url:
        return None
    head, _, key = url.partition("key=")
    return head + "key=" + "*" * max(len(key) - 4, 4) + key[-4:]


def shape(queue, channels):
    """What staff see of a queue's channels."""
    return QueueChannelsView.answer(
        {
            "queue": queue.to_ref(),
            "webhook_url": masked_url(channels.webhook_url if channels else None),
            "emails": list(channels.emails) if channels else [],
        }
    )


def channels_of(queue_id, *, staff):
    """A queue's channels as admins see them (demo seeding acts as a system actor)."""
    require(staff, "manage_queue_news")
    queue = _queue(queue_id)
    return shape(queue, QueueChannels.objects(queue=queue).first())


def set_channels(queue_id, data, *, staff):
    """Replace a queue's channels (admins); an empty field turns that channel off."""
    by = require(staff, "manage_queue_news").username
    queue = _queue(queue_id)
    given = check(ChannelsInput, data).given()
    url = given.get("webhook_url") or None
    if url:
        check_webhook(url)
    emails = list(dict.fromkeys(e for e in given.get("emails") or [] if e))
    bad = [e for e in emails if not EMAIL.match(e)]
    if bad:
        raise validation_error({"emails": f"邮箱地址不正确：{bad[0][:60]}"})
    QueueChannels.objects(queue=queue).update_one(
        set__webhook_url=url, set__emails=emails, set__updated_by=by, upsert=True
    )
    audit.record(
        actor=staff,
        action=audit.QUEUE_CHANGED,
        target=f"queue:{queue.key}",
        details={"robot": bool(url), "emails": len(emails)},
    )
    return channels_of(queue_id, staff=staff)


def targets(queue_ref):
    """(webhook URL or None, [e-mail]) of a queue, for the sender."""
    channels = QueueChannels.objects(queue=queue_ref).first()
    if channels is None:
        return None, []
    return channels.webhook_url or None, list(channels.emails or [])
