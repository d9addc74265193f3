"""Writes that must land: tried again while the store fails over, up to a deadline.

The driver already retries a write once; a worker that has just sent a WeChat message
must still record that it did, or another worker would send it again once the lease runs
out. So the record is tried until the store takes it, for as long as the lease allows.
"""

import logging
import time

from pymongo.errors import ConnectionFailure

from server.metrics.instruments import STORE_RETRIES

log = logging.getLogger(__name__)


def until_stored(write, *, seconds, pause=0.25):
    """`write()`'s result, tried again on a store failure until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return write()
        except ConnectionFailure as error:
            if time.monotonic() + pause >= deadline:
                STORE_RETRIES.labels("patient_write", "failed").inc()
                raise
            log.warning("store unavailable (%s): trying the write again", type(error).__name__)
            STORE_RETRIES.labels("patient_write", "retried").inc()
            time.sleep(pause)
