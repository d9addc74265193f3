"""Tracking numbers: `TS` + Shanghai date + a 4-digit daily sequence, e.g. TS202611280007.

The sequence is one MongoDB counter per Shanghai day, bumped with an atomic
`find_one_and_update($inc, upsert)`, so every app process and thread draws distinct
numbers (on the embedded store the strict layer makes that write atomic as MongoDB does).
"""

from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from models.infra import Counter
from server.clock import SHANGHAI, expiry_after, utcnow

PREFIX = "TS"
COUNTER_TTL = timedelta(days=3)  # a day's counter is useless once the day is over


def next_value(key, *, expires_at=None):
    """The next value of the counter `key` (1 for a new one), atomically."""
    update = {"$inc": {"value": 1}}
    if expires_at is not None:
        update["$setOnInsert"] = {"expires_at": expires_at}
    coll = Counter._get_collection()
    for _ in range(3):  # two first draws racing on the upsert: the loser tries again
        try:
            doc = coll.find_one_and_update(
                {"_id": key}, update, upsert=True, return_document=ReturnDocument.AFTER
            )
            return doc["value"]
        except DuplicateKeyError:
            continue
    raise RuntimeError(f"counter {key} upsert kept colliding")  # pragma: no cover


def next_tracking_number(now=None):
    """A new tracking number for a complaint filed at `now` (Shanghai date)."""
    now = now or utcnow()
    day = now.astimezone(SHANGHAI).strftime("%Y%m%d")
    sequence = next_value(f"complaint_no:{day}", expires_at=expiry_after(now, COUNTER_TTL))
    # Four digits as the format promises; a day beyond 9999 reports simply grows a digit.
    return f"{PREFIX}{day}{sequence:04d}"
