"""The audit chain: canonical JSON of an entry, its SHA-256, and appending a link safely.

Each entry's `hash` is SHA-256 over the canonical JSON of its content (sorted keys, no
spaces, UTF-8, times as milliseconds UTC, which is what MongoDB stores) including `seq` and
`prev_hash`, the hash of the entry before it. Appending reads the head (highest `seq`) and
inserts `seq + 1`; the unique index on `seq` makes two writers (threads or processes) that
read the same head collide, and the loser reads the new head and tries again, so the chain
stays one chain without gaps or forks. A head document (`audit_head`: the highest `seq`
appended and its hash, only ever moved on) gives writers the link to extend in one `_id`
lookup, and lets `verify` notice entries cut off the end or appended past it by hand.
"""

import hashlib
import json
import random
import time

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from models.audit import AuditEntry, AuditHead

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


def _last_entry():
    """(seq, hash) of the entry with the highest seq (one index walk), or the genesis."""
    last = AuditEntry._get_collection().find_one(
        {}, {"seq": 1, "hash": 1}, sort=[("seq", DESCENDING)]
    )
    return (last["seq"], last["hash"]) if last else (0, GENESIS)


def head(*, repair=False):
    """(seq, hash) of the last entry, read from the head document (one `_id` lookup); with
    `repair`, or when there is none, from the entries themselves."""
    doc = None if repair else AuditHead._get_collection().find_one({"_id": HEAD_KEY})
    if doc and "hash" in doc:
        return doc["value"], doc["hash"]
    return _last_entry()


def append(content):
    """Insert `content` (everything but seq, prev_hash, hash) as the next link; the stored doc."""
    collection = AuditEntry._get_collection()
    for attempt in range(MAX_TRIES):
        # A writer that died between its insert and raising the head leaves the head behind:
        # after a few collisions read the real last entry instead.
        seq, prev_hash = head(repair=attempt >= 3)
        doc = dict(content, seq=seq + 1, prev_hash=prev_hash)
        doc["hash"] = digest(doc)
        try:
            collection.insert_one(doc)
        except DuplicateKeyError:
            # Another writer took this seq: back off a little (more after more collisions).
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 20)))  # noqa: S311
            continue
        _raise_head(doc["seq"], doc["hash"])
        return doc
    raise RuntimeError("audit chain: too many concurrent writers")  # pragma: no cover


def _raise_head(seq, entry_hash):
    """Remember `seq` (and its hash) as the last appended; the head only ever moves on."""
    heads = AuditHead._get_collection()
    for _ in range(3):  # two first upserts racing: the loser tries again
        try:
            heads.update_one(
                {"_id": HEAD_KEY, "value": {"$lt": seq}},
                {"$set": {"value": seq, "hash": entry_hash}},
                upsert=True,
            )
            return
        except DuplicateKeyError:
            if heads.find_one({"_id": HEAD_KEY, "value": {"$gte": seq}}):
                return  # a later entry's writer got there first
            continue


def recorded_head():
    """The highest `seq` ever appended, by the head counter (0 when none)."""
    doc = AuditHead._get_collection().find_one({"_id": HEAD_KEY})
    return doc["value"] if doc else 0
