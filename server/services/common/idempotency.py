"""Idempotency-Key for POSTs that create things: the same key from the same user returns
the first answer instead of creating a second thing (the APIs' convention for every creating POST).

A request with a key first claims (owner, endpoint, key) by inserting a record with no
answer yet; the unique index lets exactly one of several racing requests win. The winner
runs the creation and stores its answer (HTTP status and JSON body) on the record; a loser
waits briefly for that answer and returns it, or gets 409 `request_in_progress` if the
winner is still busy. A creation that fails (an AppError such as a 400) releases the claim:
failures are not remembered, so a corrected retry with the same key goes through.
Answers are kept a day (TTL index on `created_at`); a claim older than `CLAIM_STALE`
(its request died) is taken over.

Complaints keep their own mechanism (the key stored on the complaint) but share `check_key`.
"""

import json
import re
import time
from datetime import timedelta

from mongoengine import NotUniqueError

from models.infra import IdempotencyRecord
from server.clock import as_utc, utcnow
from server.errors import AppError, validation_error

KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,100}$")  # printable ASCII, no spaces
KEEP = timedelta(hours=24)
CLAIM_STALE = timedelta(seconds=60)
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.02


def check_key(key):
    """The Idempotency-Key as sent, or None without one; 400 `validation_error` if malformed."""
    if key is None:
        return None
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise validation_error({"Idempotency-Key": "应为 1 到 100 个可见 ASCII 字符"})
    return key


def parent_owner(parent):
    """The owner string of a parent's keys."""
    return f"parent:{parent.id}"


def staff_owner(staff):
    """The owner string of a staff member's keys."""
    return f"staff:{staff.id}"


def remember(owner, endpoint, key, create, *, wait=WAIT_SECONDS):
    """`create()`'s (body, status), run once per (owner, endpoint, key); retries get the first."""
    if check_key(key) is None:
        return create()
    scope = {"owner": owner, "endpoint": endpoint, "key": key}
    deadline = time.monotonic() + wait
    while True:
        claim = _claim(scope)
        if claim is not None:
            return _create_and_store(claim, create)
        first = IdempotencyRecord.objects(**scope).first()
        if first is not None and first.status is not None:
            return json.loads(first.body), first.status
        if time.monotonic() >= deadline:
            raise AppError("request_in_progress")
        time.sleep(POLL_SECONDS)  # the first request is still creating, or just failed


def _claim(scope):
    """Insert the claim for this key; None if another request holds it."""
    now = utcnow()
    _release_if_dead(scope, now)
    claim = IdempotencyRecord(**scope, created_at=now)
    try:
        claim.save(force_insert=True)
    except NotUniqueError:
        return None
    return claim


def _release_if_dead(scope, now):
    """Drop an expired answer (the TTL monitor is lazy) or an abandoned claim for this key."""
    held = IdempotencyRecord.objects(**scope).first()
    if held is None:
        return
    age = now - as_utc(held.created_at)
    if age >= KEEP or (held.status is None and age >= CLAIM_STALE):
        IdempotencyRecord.objects(id=held.id, created_at=held.created_at).delete()


def _create_and_store(claim, create):
    """Run the creation under the claim; store a success, release the claim on a failure."""
    try:
        body, status = create()
    except BaseException:
        claim.delete()
        raise
    if status >= 400:
        claim.delete()
    else:
        claim.update(set__status=status, set__body=json.dumps(body, ensure_ascii=False))
    return body, status
