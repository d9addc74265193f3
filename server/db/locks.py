"""A short mutual-exclusion lease in MongoDB, shared by every app process.

`held(name)` inserts a lease document whose `_id` is the name: MongoDB's unique `_id`
lets exactly one holder in; others wait a little and try again. A lease whose holder died
runs out after `lease` and the next caller takes it over (one atomic update).
"""

import contextlib
import random
import secrets
import time
from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from models.infra import CachedValue
from server.clock import utcnow


class Busy(RuntimeError):
    """The lease stayed taken for longer than the caller would wait."""


def _take(key, owner, lease):
    now = utcnow()
    try:
        CachedValue._get_collection().find_one_and_update(
            {"_id": key, "expires_at": {"$lte": now}},
            {"$set": {"value": owner, "expires_at": now + lease}},
            upsert=True,
        )
    except DuplicateKeyError:
        return False  # held by someone else, and not run out
    return True


@contextlib.contextmanager
def held(name, *, lease=timedelta(seconds=10), wait_seconds=10.0):
    """Hold the lease `name` for the `with` block (Busy after `wait_seconds`)."""
    key, owner = f"lock:{name}", secrets.token_hex(8)
    deadline = time.monotonic() + wait_seconds
    while not _take(key, owner, lease):
        if time.monotonic() > deadline:
            raise Busy(name)
        time.sleep(random.uniform(0.001, 0.01))  # noqa: S311
    try:
        yield
    finally:
        CachedValue._get_collection().delete_one({"_id": key, "value": owner})
