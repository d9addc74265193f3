"""Subscribe messages to parents: written into the outbox with the change, sent by the worker.

A message is `pending` until a worker claims it: one conditional update moves it to
`sending` with a lease (`claimed_until`) and a claim token, so two workers never hold the
same message. The worker sends it, then records the attempt in the message's `log` with a
write that only matches while its claim token is still there. A worker that dies mid-way
leaves a `sending` message whose lease expires; the next worker takes it over (recording
the abandoned attempt), so stopping the worker loses nothing. Transient WeChat errors
(-1, rate limits, timeouts, 5xx, and 40001/42001: a token refused or expired, which the
next attempt replaces) are retried with growing delays; 43101 (the parent declined),
40037 (not a template of the account), 41030 (a page the mini-program lacks) and 47003
(content WeChat refuses, also found by our own check before sending) are recorded and
never retried.
"""

import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta

from bson import ObjectId

from models.choices import COMPLAINT_STATUSES, label
from models.complaint import Complaint, OutboxMessage
from models.parent import Parent
from server.clock import SHANGHAI, as_utc, utcnow
from server.config import DEMO_TEMPLATE_STATUS
from server.db import subscriptions
from server.db.patience import until_stored
from server.services.complaints.store.guarded import apply_update
from server.wechat.errors import WeChatError
from server.wechat.templates import TEMPLATES

log = logging.getLogger(__name__)

TEMPLATE_STATUS = "status"  # our template key; config maps it to WeChat's template id
BACKOFF_SECONDS = (30, 60, 300, 900, 1800, 3600)
FINAL_ERRCODES = {43101: "declined", 47003: "failed"}  # recorded, never retried (others: failed)
THING_LIMIT = 20  # WeChat's limit for a `thing` value


@dataclass(frozen=True)
class DeliverySettings:
    """Template ids, lease and attempt limit (from config)."""

    templates: dict = field(default_factory=lambda: {TEMPLATE_STATUS: DEMO_TEMPLATE_STATUS})
    lease_seconds: int = 60
    max_attempts: int = 8

    @classmethod
    def from_config(cls, config):
        """The settings an app runs with."""
        return cls(
            templates={TEMPLATE_STATUS: config["WECHAT_TEMPLATE_STATUS"]},
            lease_seconds=config["OUTBOX_LEASE_SECONDS"],
            max_attempts=config["OUTBOX_MAX_ATTEMPTS"],
        )


def _short(text, limit=THING_LIMIT):
    text = " ".join(str(text or "").split()) or "详情请查看小程序"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_message(*, no, status, text, now):
    """The outbox message telling a parent that complaint `no` reached `status`."""
    data = {
        "character_string1": {"value": no},
        "phrase2": {"value": label(COMPLAINT_STATUSES, status)},
        "thing3": {"value": _short(text)},
        "time4": {"value": as_utc(now).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")},
    }
    return OutboxMessage(
        id=ObjectId(),
        template=TEMPLATE_STATUS,
        data=data,
        page=f"{TEMPLATES[TEMPLATE_STATUS].page}?no={no}",
        status="pending",
        attempts=0,
        next_attempt_at=now,
    )


def _due_clauses(prefix, now):
    """(pending and due) or (sending with an expired lease), for an element path prefix."""
    return [
        {prefix + "status": "pending", prefix + "next_attempt_at": {"$lte": now}},
        {prefix + "status": "sending", prefix + "claimed_until": {"$lt": now}},
    ]


def _is_due(message, now):
    status = message.get("status")
    if status == "pending":
        return as_utc(message.get("next_attempt_at") or now) <= now
    return status == "sending" and as_utc(message.get("claimed_until") or now) < now


def claim(complaint_id, index, message, *, now, lease_seconds):
    """Take message `index` of a complaint for sending; the claim token, or None if taken."""
    token, prefix = secrets.token_hex(8), f"outbox.{index}."
    update = {
        "$set": {
            prefix + "status": "sending",
            prefix + "claimed_until": now + timedelta(seconds=lease_seconds),
            prefix + "claim": token,
        },
        "$inc": {prefix + "attempts": 1},
    }
    if message.get("status") == "sending":  # a worker died holding it: say so on the record
        update["$push"] = {prefix + "log": {"at": now, "result": "abandoned"}}
    query = {"_id": complaint_id, prefix + "id": message["id"], "$or": _due_clauses(prefix, now)}
    return token if apply_update(Complaint._get_collection(), query, update) == 1 else None


def _outcome(error, attempts, settings, now):
    """(status, next_attempt_at, log entry) after one failed attempt."""
    entry = {"at": now, "errcode": error.errcode, "error": str(error.errmsg or "")[:200]}
    if error.transient and attempts < settings.max_attempts:
        delay = BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1]
        return "pending", now + timedelta(seconds=delay), dict(entry, result="retry")
    status = FINAL_ERRCODES.get(error.errcode, "failed")
    return status, None, dict(entry, result=status)


def send_claimed(wechat, doc, index, token, *, settings, now):
    """Send one claimed message and record the attempt; returns its new status."""
    started = time.monotonic()
    message = doc["outbox"][index]
    parent = Parent.objects(id=doc.get("parent")).only("openid").first()
    template_id = settings.templates.get(message["template"])
    attempts = message.get("attempts", 1)  # counted when claimed
    if parent is None or template_id is None:  # anonymised by retention, or a removed template
        status, next_at = "failed", None
        entry = {"at": now, "result": "failed", "errcode": None, "error": "no recipient"}
    else:
        try:
            wechat.send_subscribe_message(
                parent.openid, template_id, message["data"], message["page"]
            )
            status, next_at, entry = "sent", None, {"at": now, "result": "sent"}
        except WeChatError as error:
            status, next_at, entry = _outcome(error, attempts, settings, now)
    prefix = f"outbox.{index}."
    fields = {prefix + "status": status, prefix + "claimed_until": None}
    fields.update({prefix + "next_attempt_at": next_at, prefix + "last_error": entry.get("error")})
    if status == "sent":
        fields[prefix + "sent_at"] = now
    query = {"_id": doc["_id"], prefix + "claim": token, prefix + "status": "sending"}
    update = {"$set": fields, "$push": {prefix + "log": entry}}
    # Sent means sent: the record must land within the lease, or another worker would send the
    # message again once it runs out (a store failover is retried until then).
    patience = settings.lease_seconds * 0.8 - (time.monotonic() - started)
    record = lambda: apply_update(Complaint._get_collection(), query, update)  # noqa: E731
    if until_stored(record, seconds=max(patience, 1.0)) != 1:
        log.warning("outbox message %s: lease lost before its result was recorded", message["id"])
    if status == "sent" and parent is not None:
        _use_subscription(parent, template_id)
    log.info("outbox message %s of %s: %s", message["id"], doc.get("no"), status)
    return status


def _use_subscription(parent, template_id):
    """One accepted subscription is spent by one message."""
    subscriptions.spend(parent.pk, template_id)


def deliver_due(wechat, *, settings=DeliverySettings(), now=None, limit=100):
    """Claim and send every due message (at most `limit`); returns {status: count}.

    Without `now`, each claim takes the time afresh: a round of slow sends must not start
    the later messages' leases in the past, where another worker could take them over.
    """
    clock = (lambda: now) if now is not None else utcnow
    counts = {}
    # One $elemMatch per clause, so each is served by its index (outbox.status +
    # outbox.next_attempt_at, outbox.status + outbox.claimed_until) and only complaints
    # with a message due are read; sent, failed and declined messages are outside both.
    query = {"$or": [{"outbox": {"$elemMatch": c}} for c in _due_clauses("", clock())]}
    projection = {"outbox": 1, "parent": 1, "no": 1}
    for doc in Complaint._get_collection().find(query, projection).limit(limit):
        for index, message in enumerate(doc["outbox"]):
            moment = clock()
            if not _is_due(message, moment):
                continue
            token = claim(
                doc["_id"], index, message, now=moment, lease_seconds=settings.lease_seconds
            )
            if token is None:
                continue  # another worker was faster
            # What the claim wrote, without reading the document back.
            message["attempts"] = message.get("attempts", 0) + 1
            status = send_claimed(wechat, doc, index, token, settings=settings, now=clock())
            counts[status] = counts.get(status, 0) + 1
    return counts
