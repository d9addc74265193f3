"""Nonces of WeChat pushes already taken, shared by every process through MongoDB.

Claiming is one insert on a unique `_id`: of two processes handed the same push, exactly
one succeeds. A claim lives as long as a push's timestamp is acceptable (plus a margin);
after that the timestamp check refuses the push anyway, and MongoDB's TTL index drops it.
"""

from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from models.infra import PushNonce

KEEP = timedelta(minutes=15)


def claim(key, *, now):
    """Record push `key` as taken; False when it was taken before (a replay)."""
    try:
        PushNonce._get_collection().insert_one({"_id": key, "expires_at": now + KEEP})
    except DuplicateKeyError:
        return False
    return True


def release(key):
    """Forget a claim whose push could not be applied, so WeChat's retry is not refused."""
    PushNonce._get_collection().delete_one({"_id": key})
