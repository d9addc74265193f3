"""Fixed-window counters in MongoDB, so every app process sees the same count."""

from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from models.infra import RateWindow
from server.clock import as_utc, expiry_after, utcnow
from server.errors import AppError


def hit(key, *, window, now=None):
    """Count one event under `key` in its current window; the count after this one."""
    now = now or utcnow()
    coll = RateWindow._get_collection()
    # A window that has run out starts again at 1; only one concurrent caller wins the reset.
    fresh = {"count": 1, "started_at": now, "expires_at": expiry_after(now, window)}
    doc = coll.find_one_and_update(
        {"_id": key, "started_at": {"$lte": now - window}},
        {"$set": fresh},
        return_document=ReturnDocument.AFTER,
    )
    if doc:
        return doc["count"]
    for _ in range(2):  # two first events racing on the upsert: the loser increments
        try:
            doc = coll.find_one_and_update(
                {"_id": key},
                {
                    "$inc": {"count": 1},
                    "$setOnInsert": {"started_at": now, "expires_at": expiry_after(now, window)},
                },
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
            return doc["count"]
        except DuplicateKeyError:
            continue
    raise RuntimeError("rate window upsert kept colliding")  # pragma: no cover


def current(key, *, window, now=None):
    """Events counted under `key` in the window still running (0 if it ran out)."""
    now = now or utcnow()
    doc = RateWindow._get_collection().find_one({"_id": key})
    if not doc or as_utc(doc["started_at"]) <= now - window:
        return 0
    return doc["count"]


def reset(key):
    """Forget `key`'s window (e.g. after a successful login)."""
    RateWindow._get_collection().delete_one({"_id": key})


def limit(key, *, count, minutes, what, now=None):
    """Count one `what` (e.g. "上传 N 张图片" reads "上传 {count} 张图片") under `key`; past
    `count` in the window of `minutes`, 429 `rate_limited` with the window in the message."""
    if hit(key, window=timedelta(minutes=minutes), now=now) > count:
        span = f"{minutes // 60} 小时" if minutes % 60 == 0 else f"{minutes} 分钟"
        raise AppError(
            "rate_limited", f"操作过于频繁：每 {span}最多{what.format(count=count)}，请稍后再试"
        )
