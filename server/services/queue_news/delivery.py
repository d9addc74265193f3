"""Sending the staff outbox: claimed with a lease, sent once, retried while it may succeed.

As with the parents' outbox, one conditional update takes a message (`pending` and due, or
`sending` with an expired lease) and sets a claim token; the result is written only while
that token holds. Transient failures come back after 30 s, 1, 5, 15 and 30 minutes; a
rate-limited robot after a minute. A message for a channel the queue no longer has fails,
recorded.
"""

import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from models.queue_news import StaffMessage
from server.clock import utcnow
from server.services.queue_news.channels import targets
from server.services.queue_news.senders import MailSettings, SendError, send_mail, send_wecom

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (30, 60, 300, 900, 1800)
RATE_LIMITED = 45009


@dataclass(frozen=True)
class NewsSettings:
    """Timeouts, lease, attempts and the SMTP server (from config)."""

    mail: MailSettings = field(default_factory=MailSettings)
    webhook_timeout: float = 5.0
    lease_seconds: int = 60
    max_attempts: int = 8

    @classmethod
    def from_config(cls, config):
        """The settings an app runs with."""
        mail = MailSettings(
            host=config.get("SMTP_HOST"),
            port=config.get("SMTP_PORT", 25),
            user=config.get("SMTP_USER"),
            password=config.get("SMTP_PASSWORD"),
            starttls=config.get("SMTP_STARTTLS", False),
            sender=config.get("SMTP_FROM") or "noreply@localhost",
        )
        return cls(
            mail=mail,
            webhook_timeout=config.get("WECOM_TIMEOUT", 5.0),
            lease_seconds=config["OUTBOX_LEASE_SECONDS"],
            max_attempts=config["OUTBOX_MAX_ATTEMPTS"],
        )


def _due(now):
    return [
        {"status": "pending", "next_attempt_at": {"$lte": now}},
        {"status": "sending", "claimed_until": {"$lt": now}},
    ]


def _claim(doc, now, lease_seconds):
    token = secrets.token_hex(8)
    update = {
        "$set": {
            "status": "sending",
            "claim": token,
            "claimed_until": now + timedelta(seconds=lease_seconds),
        },
        "$inc": {"attempts": 1},
    }
    if doc.get("status") == "sending":
        update["$push"] = {"log": {"at": now, "result": "abandoned"}}
    query = {"_id": doc["_id"], "$or": _due(now)}
    claimed = StaffMessage._get_collection().update_one(query, update).matched_count
    return token if claimed == 1 else None


def _send(doc, settings):
    webhook, emails = targets(doc["queue"])
    if doc["channel"] == "wecom":
        if not webhook:
            raise SendError(False, None, "no robot")
        send_wecom(webhook, doc["text"], timeout=settings.webhook_timeout)
    else:
        if not emails:
            raise SendError(False, None, "no address")
        send_mail(settings.mail, emails, doc["subject"], doc["text"])


def _result(error, attempts, settings, now):
    """(status, next attempt, log entry) after a send."""
    if error is None:
        return "sent", None, {"at": now, "result": "sent"}
    entry = {"at": now, "code": error.code, "error": error.text}
    if error.transient and attempts < settings.max_attempts:
        delay = 60 if error.code == RATE_LIMITED else BACKOFF_SECONDS[min(attempts, 5) - 1]
        return "pending", now + timedelta(seconds=delay), dict(entry, result="retry")
    return "failed", None, dict(entry, result="failed")


def send_one(doc, token, *, settings, now):
    """Send a claimed message and record the attempt; its new status."""
    try:
        _send(doc, settings)
        error = None
    except SendError as failure:
        error = failure
    status, next_at, entry = _result(error, doc.get("attempts", 0) + 1, settings, now)
    fields = {"status": status, "claimed_until": None, "next_attempt_at": next_at}
    fields["last_error"] = entry.get("error")
    if status == "sent":
        fields["sent_at"] = now
    query = {"_id": doc["_id"], "claim": token, "status": "sending"}
    update = {"$set": fields, "$push": {"log": entry}}
    if StaffMessage._get_collection().update_one(query, update).matched_count != 1:
        log.warning("staff message %s: lease lost before its result was recorded", doc["_id"])
    log.info("staff message %s (%s, %s): %s", doc["_id"], doc["event"], doc["channel"], status)
    return status


def deliver_news(*, settings=NewsSettings(), now=None, limit=100):
    """Claim and send every due staff message (at most `limit`); {status: count}."""
    clock = (lambda: now) if now is not None else utcnow
    counts = {}
    query = {"$or": _due(clock())}
    for doc in list(StaffMessage._get_collection().find(query).limit(limit)):
        token = _claim(doc, clock(), settings.lease_seconds)
        if token is None:
            continue  # another worker was faster
        status = send_one(doc, token, settings=settings, now=clock())
        counts[status] = counts.get(status, 0) + 1
    return counts
