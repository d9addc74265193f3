"""The audit chain: canonical JSON of an entry, its SHA-256, and appending a link safely.

Each entry's `hash` is SHA-256 over the canonical JSON of its content (sorted keys, no
spaces, UTF-8, times as milliseconds UTC, which is what MongoDB stores) including `seq` and
`prev_hash`, the hash of the entry before it. Appending reads the head (highest `seq`) and
inserts `seq + 1`; the unique index on `seq` makes two writers (threads or processes) that
read the same head collide, and the loser reads the new head and tries again, so the chain
stays one chain without gaps or forks. A head counter (`audit-head`, only ever raised with
`$max`) remembers the highest `seq` appended, so entries cut off the end are noticed too.
"""

import hashlib
import json
import random
import time

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from models.audit import AuditEntry
from models.infra import Counter

GENESIS = "0" * 64
HEAD_KEY = "audit-head"
CONTENT = (
    "seq",
    "at",
    "actor_id",
    "actor_username",
    "actor_roles",
    "client_addr",
    "action",
    "target",
    "outcome",
    "details",
    "prev_hash",
)
MAX_TRIES = 200


def _time(value):
    """A stored time as `YYYY-MM-DDTHH:MM:SS.mmmZ` (MongoDB keeps milliseconds)."""
    return f"{value:%Y-%m-%dT%H:%M:%S}.{value.microsecond // 1000:03d}Z"


def canonical(doc):
    """The canonical JSON bytes of an entry's content (a dict with the `CONTENT` keys)."""
    content = {key: doc.get(key) for key in CONTENT}
    content["at"] = _time(content["at"])
    content["actor_roles"] = list(content["actor_roles"] or [])
    content["details"] = dict(content["details"] or {})
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def digest(doc):
    """The SHA-256 (hex) an entry with this content carries."""
    return hashlib.sha256(canonical(doc)).hexdigest()


def head():
    """(seq, hash) of the last entry, or (0, GENESIS) for an empty chain."""
    last = AuditEntry._get_collection().find_one(
        {}, {"seq": 1, "hash": 1}, sort=[("seq", DESCENDING)]
    )
    return (last["seq"], last["hash"]) if last else (0, GENESIS)


def append(content):
    """Insert `content` (everything but seq, prev_hash, hash) as the next link; the stored doc."""
    collection = AuditEntry._get_collection()
    for attempt in range(MAX_TRIES):
        seq, prev_hash = head()
        doc = dict(content, seq=seq + 1, prev_hash=prev_hash)
        doc["hash"] = digest(doc)
        try:
            collection.insert_one(doc)
        except DuplicateKeyError:
            # Another writer took this seq: back off a little (more after more collisions).
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 20)))  # noqa: S311
            continue
        _raise_head(doc["seq"])
        return doc
    raise RuntimeError("audit chain: too many concurrent writers")  # pragma: no cover


def _raise_head(seq):
    """Remember `seq` as appended (the counter only ever grows)."""
    counters = Counter._get_collection()
    for _ in range(3):  # two first upserts racing: the loser raises the one now stored
        try:
            counters.update_one({"_id": HEAD_KEY}, {"$max": {"value": seq}}, upsert=True)
            return
        except DuplicateKeyError:
            continue


def recorded_head():
    """The highest `seq` ever appended, by the head counter (0 when none)."""
    doc = Counter._get_collection().find_one({"_id": HEAD_KEY})
    return doc["value"] if doc else 0
