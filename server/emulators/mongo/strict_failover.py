"""Failover in the embedded store: MongoDB's election errors on demand, and pymongo's retry.

A replica set electing a new primary refuses writes with NotWritablePrimary (10107),
interrupts what was running with InterruptedDueToReplStateChange (11602), and drops
connections (AutoReconnect, NetworkTimeout), for seconds. mongomock never fails, so the
strict layer injects these errors (`FAILOVER`): during a time window (`elect`), in periodic
elections (`every`, the demo setting) or for a share of operations (`share`).

What pymongo does about them is emulated too, so code meets what it meets on a real
replica set: a single-document write or a read is retried once (retryable writes and
reads), after waiting for a primary up to `retry_wait` seconds; a write that reached the
server before its connection dropped is not applied twice by that retry (the server
remembers its transaction number). Multi-document writes (update_many, delete_many,
insert_many, bulk_write) are not retried: the error reaches the caller, who may not know
what was applied (hence idempotency keys). Each retry is counted in
`shuangjian_store_retries_total`.
"""

import functools
import random
import threading
import time

from pymongo.errors import AutoReconnect, NetworkTimeout, NotPrimaryError

from server.metrics.instruments import STORE_RETRIES

KINDS = ("not_writable_primary", "repl_state_change", "auto_reconnect", "network_timeout")
DROPPED = ("auto_reconnect", "network_timeout")  # the write may have been applied
_inside = threading.local()


def error_of(kind):
    """The exception pymongo raises for one kind of failover error."""
    if kind == "not_writable_primary":
        details = {
            "ok": 0,
            "code": 10107,
            "codeName": "NotWritablePrimary",
            "errmsg": "not primary",
        }
        return NotPrimaryError("not primary", details)
    if kind == "repl_state_change":
        details = {"ok": 0, "code": 11602, "codeName": "InterruptedDueToReplStateChange"}
        return NotPrimaryError("operation was interrupted", dict(details, errmsg="interrupted"))
    if kind == "network_timeout":
        return NetworkTimeout("timed out (injected failover)")
    return AutoReconnect("connection closed (injected failover)")


class Failover:
    """When the embedded store fails, and how (all settings under one lock)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.stop()

    def stop(self):
        """No more failures: a healthy replica set."""
        with self._lock:
            self._windows, self._share, self._every = [], 0.0, None
            self._kinds, self._rng = KINDS, random.Random(0)
            self.retry_wait = 0.5
            self.injected = 0
            self.armed = False  # read without the lock: a healthy store pays one attribute

    def elect(self, seconds, *, kinds=KINDS, seed=0):
        """An election starting now and lasting `seconds`: every operation fails meanwhile."""
        with self._lock:
            start = time.monotonic()
            self._windows.append((start, start + seconds))
            self._kinds, self._rng = tuple(kinds), random.Random(seed)
            self.armed = True

    def every(self, period, seconds, *, kinds=KINDS, seed=0):
        """Elections every `period` seconds, each lasting `seconds` (the demo setting)."""
        with self._lock:
            self._every = (time.monotonic(), period, seconds)
            self._kinds, self._rng = tuple(kinds), random.Random(seed)
            self.armed = True

    def share(self, fraction, *, kinds=KINDS, seed=0):
        """A `fraction` (0..1) of operations fails, each on its own."""
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        with self._lock:
            self._share, self._kinds, self._rng = fraction, tuple(kinds), random.Random(seed)
            self.armed = fraction > 0 or bool(self._windows or self._every)

    def down(self, now=None):
        """Whether an election is running now."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if any(start <= now < end for start, end in self._windows):
                return True
            if self._every:
                start, period, seconds = self._every
                return (now - start) % period < seconds
        return False

    def draw(self):
        """The kind of error this operation meets, or None."""
        if not self.armed:
            return None
        failing = self.down()
        with self._lock:
            if not failing and not (self._share and self._rng.random() < self._share):
                return None
            self.injected += 1
            return self._rng.choice(self._kinds)

    def coin(self):
        """Whether a write whose connection dropped had reached the server first."""
        with self._lock:
            return self._rng.random() < 0.5

    def wait_for_primary(self):
        """Wait, as server selection does, up to retry_wait for the election to end."""
        deadline = time.monotonic() + self.retry_wait
        while self.down() and time.monotonic() < deadline:
            time.sleep(0.02)


FAILOVER = Failover()


SINGLE_WRITES = (
    "insert_one",
    "update_one",
    "replace_one",
    "delete_one",
    "find_one_and_update",
    "find_one_and_replace",
    "find_one_and_delete",
)
MULTI_WRITES = ("insert_many", "update_many", "delete_many", "bulk_write")
READS = ("_get_dataset", "aggregate", "count_documents", "distinct")


def install(collection_class, database_class):
    """Put every write and read of mongomock's Collection, and database commands (ping),
    under FAILOVER (once)."""
    database_class.command = _wrapped(database_class.command, "read", True)
    for names, operation, retryable in (
        (SINGLE_WRITES, "write", True),
        (MULTI_WRITES, "multi_write", False),
        (READS, "read", True),
    ):
        for name in names:
            setattr(
                collection_class,
                name,
                _wrapped(getattr(collection_class, name), operation, retryable),
            )


def _wrapped(inner, operation, retryable):
    @functools.wraps(inner)
    def method(self, *args, **kwargs):
        if not FAILOVER.armed:
            return inner(self, *args, **kwargs)
        return run(operation, lambda: inner(self, *args, **kwargs), retryable=retryable)

    return method


def run(operation, call, *, retryable):
    """Run one store operation under FAILOVER, retrying once as pymongo would."""
    if getattr(_inside, "active", False):
        return call()  # a nested call of the same operation: already decided
    _inside.active = True
    try:
        return _attempt(operation, call, retryable)
    finally:
        _inside.active = False


def _attempt(operation, call, retryable):
    kind = FAILOVER.draw()
    if kind is None:
        return call()
    applied = kind in DROPPED and operation != "read" and FAILOVER.coin()
    result = call() if applied else None
    if not retryable:
        raise error_of(kind)
    FAILOVER.wait_for_primary()
    again = FAILOVER.draw()
    if again is not None:
        STORE_RETRIES.labels(operation, "failed").inc()
        raise error_of(again)
    STORE_RETRIES.labels(operation, "succeeded").inc()
    return result if applied else call()
