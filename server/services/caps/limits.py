"""Intake caps: complaints, uploads and parent sign-ins per client address and service-wide
per hour, so one client (or a botnet) cannot flood staff lists; each cap reached is recorded
for staff (`caps.recent`) and counted for operators.

Counters are the shared fixed windows of `ratelimit`; a request over a cap is 429
`rate_limited` and changes nothing else. Addresses are stored masked (the last IPv4 octet,
or all but the first four IPv6 groups, hidden): enough to tell one flood from another.
"""

import ipaddress
import logging
from dataclasses import dataclass
from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from models.intake_cap import IntakeCapEvent
from server.clock import expiry_after, utcnow
from server.errors import AppError
from server.metrics.instruments import INTAKE_CAPS_REACHED
from server.services import audit
from server.services.common import rate_hit

log = logging.getLogger(__name__)

HOUR = timedelta(hours=1)
KEEP_EVENTS = timedelta(days=30)
LABELS = {
    "complaints_per_address": "同一网络地址每小时提交投诉数",
    "complaints_per_hour": "全系统每小时提交投诉数",
    "uploads_per_address": "同一网络地址每小时上传图片数",
    "uploads_per_hour": "全系统每小时上传图片数",
    "sign_ins_per_address": "同一网络地址每小时家长登录次数",
    "urgent_per_parent": "同一家长每天紧急类投诉数（超出部分待调度员确认）",
}
WHAT = {"complaints": "提交投诉", "uploads": "上传图片", "sign_ins": "登录"}


@dataclass(frozen=True)
class CapSettings:
    """Hourly caps (0 turns one off) and the daily urgent cap per parent."""

    complaints_per_address: int = 30
    complaints_per_hour: int = 600
    uploads_per_address: int = 300
    uploads_per_hour: int = 6000
    sign_ins_per_address: int = 120
    urgent_per_parent: int = 2

    @classmethod
    def from_config(cls, config):
        """The caps an app runs with."""
        return cls(**{name: config["CAP_" + name.upper()] for name in cls.__dataclass_fields__})


def masked(address):
    """A client address with its host part hidden, e.g. 203.0.113.* (or "unknown")."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "unknown"
    if ip.version == 4:
        return ".".join(str(ip).split(".")[:3]) + ".*"
    return ":".join(ip.exploded.split(":")[:4]) + ":*"


def take(kind, address, *, settings, now=None):
    """Count one `kind` (complaints, uploads, sign_ins) from `address` and service-wide;
    429 `rate_limited` once either cap of this hour is passed."""
    now = now or utcnow()
    per_address = getattr(settings, f"{kind}_per_address")
    per_hour = getattr(settings, f"{kind}_per_hour", 0)
    checks = [(f"{kind}_per_address", masked(address), per_address, f"addr:{address}")]
    if per_hour:
        checks.append((f"{kind}_per_hour", "service", per_hour, "all"))
    for cap, scope, limit, suffix in checks:
        if limit and rate_hit(f"cap:{kind}:{suffix}", window=HOUR, now=now) > limit:
            record(cap, scope, now=now)
            span = "本网络" if scope != "service" else "系统"
            message = f"{span}{WHAT[kind]}过于频繁，已达每小时上限，请稍后再试"
            raise AppError("rate_limited", message, retry_after=_seconds_left(now))


def _seconds_left(now):
    """Seconds to the next full hour (when a fixed hourly window has surely run out)."""
    return max(1, 3600 - (now.minute * 60 + now.second))


def record(cap, scope, *, now=None):
    """Note that `cap` refused (or held back) one more request in this hour, for staff."""
    now = now or utcnow()
    INTAKE_CAPS_REACHED.labels(cap).inc()
    window_start = now.replace(minute=0, second=0, microsecond=0)
    key = f"{cap}:{scope}:{window_start.isoformat()}"
    for _ in range(2):  # two first refusals racing on the upsert: the loser increments
        try:
            return _note(key, cap, scope, window_start, now)
        except DuplicateKeyError:
            continue
    return None  # pragma: no cover


def _note(key, cap, scope, window_start, now):
    """One upsert of the window's record; the first refusal is logged."""
    doc = IntakeCapEvent._get_collection().find_one_and_update(
        {"_id": key},
        {
            "$inc": {"refused": 1},
            "$set": {"last_at": now},
            "$setOnInsert": {
                "cap": cap,
                "scope": scope,
                "window_start": window_start,
                "first_at": now,
                "expires_at": expiry_after(now, KEEP_EVENTS),
            },
        },
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )
    if doc["refused"] == 1:  # once per cap, scope and hour: a flood is one audit entry
        log.warning("intake cap reached: %s (%s)", cap, scope)
        audit.record(
            actor=None,
            action=audit.INTAKE_CAP_REACHED,
            target=f"cap:{cap}",
            outcome=audit.DENIED,
            details={"cap": cap, "scope": scope},
            now=now,
        )
