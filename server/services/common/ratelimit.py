"""Fixed-window counters in MongoDB, so every app process sees the same count."""

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from models.infra import RateWindow
from server.clock import as_utc, expiry_after, utcnow


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


def window_end(key, *, window):
    """When the current window of `key` ends, or None."""
    doc = RateWindow._get_collection().find_one({"_id": key})
    return as_utc(doc["started_at"]) + window if doc else None


def reset(key):
    """Forget `key`'s window (e.g. after a successful login)."""
    RateWindow._get_collection().delete_one({"_id": key})
