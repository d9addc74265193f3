"""Idempotency-Key for POSTs that create things: the one mechanism of both APIs.

Every creating POST runs `remember(owner, endpoint, key, create)`. The first request with a
key claims (owner, endpoint, key) by inserting a record; the unique index lets exactly one
of several racing requests win. The claim draws `unit`, the id of what the request creates,
and `create(unit)` creates under it: a new document takes it as its `_id`, a part added to
one (a supplement, a rating) carries it. However often the creation is attempted under one
key, the store holds it once: MongoDB refuses a second document with the same `_id`, and a
part already carrying the unit is not added again. That is what makes a retry safe when the
store failed over in the middle of a request and nobody knows whether it was applied.

The winner stores its answer (HTTP status and JSON body) on the record; a request arriving
meanwhile waits up to `wait` seconds for it and returns it. A creation refused (an AppError
such as a 400) releases the claim: refusals are not remembered, so a corrected retry with
the same key goes through. A creation that failed otherwise (the store went away: outcome
unknown) leaves the claim `abandoned`, and the next attempt takes it over at once, under
the same unit; so does one that waited in vain, or finds a claim older than `CLAIM_STALE`
(its request died, or the answer could not be stored). Taking over a claim whose request is
only slow is safe: both create under the one unit and the store keeps one. A request that
loses even the takeover to another gets 409 `request_in_progress`.
Answers are kept a day (TTL index on `created_at`). Without a key, `create` gets a fresh
unit and runs once.
"""

import contextlib
import json
import re
import time
from datetime import timedelta

from bson import ObjectId
from mongoengine import NotUniqueError
from pymongo.errors import PyMongoError

from models.infra import IdempotencyRecord
from server.clock import as_utc, utcnow
from server.errors import AppError, validation_error

KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,100}$")  # printable ASCII, no spaces
KEEP = timedelta(hours=24)
WAIT_SECONDS = 5.0
# A claim this old is taken over without waiting: safe (same unit, stored once), so short.
CLAIM_STALE = timedelta(seconds=WAIT_SECONDS)
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
    """`create(unit)`'s (body, status), created once per (owner, endpoint, key) under one
    unit id; retries get the first answer."""
    if check_key(key) is None:
        return create(ObjectId())
    scope = {"owner": owner, "endpoint": endpoint, "key": key}
    deadline = time.monotonic() + wait
    while True:
        waited = time.monotonic() >= deadline
        claim = _claim(scope, waited=waited)
        if claim is not None:
            return _create_and_store(claim, create)
        first = IdempotencyRecord.objects(**scope).first()
        if first is not None and first.status is not None:
            return json.loads(first.body), first.status
        if waited:
            raise AppError("request_in_progress")  # another request took it over meanwhile
        time.sleep(POLL_SECONDS)  # the first request is still creating, or just failed


def _claim(scope, *, waited=False):
    """This request's claim on the key (new, or taken over); None if another holds it.
    `waited`: this request waited `wait` seconds for an answer that did not come."""
    now = utcnow()
    held = IdempotencyRecord.objects(**scope).first()
    if held is not None and now - as_utc(held.created_at) >= KEEP:
        # An expired answer the TTL monitor has not removed yet: the key is free again.
        IdempotencyRecord.objects(id=held.id, created_at=held.created_at).delete()
        held = None
    if held is None:
        claim = IdempotencyRecord(**scope, created_at=now, unit=ObjectId())
        try:
            claim.save(force_insert=True)
        except NotUniqueError:
            return None
        return claim
    stale = waited or now - as_utc(held.created_at) >= CLAIM_STALE
    if held.status is None and (held.abandoned or stale):
        return _take_over(held, now)
    return None


def _take_over(held, now):
    """`held`, claimed for this request under its unit; None if another took it first."""
    unit = held.unit or ObjectId()  # a claim stored before units existed
    taken = IdempotencyRecord.objects(id=held.id, created_at=held.created_at, status=None)
    if not taken.update_one(set__created_at=now, set__abandoned=False, set__unit=unit):
        return None
    held.created_at, held.abandoned, held.unit = now, False, unit
    return held


def _create_and_store(claim, create):
    """Run the creation under the claim; store a success, release the claim on a refusal,
    leave it to the next attempt when the outcome is unknown."""
    try:
        body, status = create(claim.unit)
    except AppError:
        _quietly(claim.delete)
        raise
    except BaseException:
        _quietly(claim.update, set__abandoned=True)
        raise
    if status >= 400:
        _quietly(claim.delete)
        return body, status
    try:
        claim.update(set__status=status, set__body=json.dumps(body, ensure_ascii=False))
    except BaseException:
        _quietly(claim.update, set__abandoned=True)
        raise
    return body, status


def _quietly(write, **changes):
    """Try `write`; the store failing here must not hide the error being answered."""
    with contextlib.suppress(PyMongoError):
        write(**changes)


def created_before(document_class, unit):
    """What an earlier attempt under `unit` stored as a `document_class`, or None."""
    return document_class.objects(id=unit).first() if unit is not None else None


def insert_under(document, unit):
    """(document, True) once `document` is inserted with `unit` as its `_id` (a fresh id
    without one); (the stored one, False) if another attempt under `unit` stored it first."""
    if unit is not None:
        document.id = unit
    try:
        return document.save(force_insert=True), True
    except NotUniqueError:
        first = created_before(type(document), unit)
        if first is None:
            raise  # another unique field (a username, a code): the caller's conflict
        return first, False
