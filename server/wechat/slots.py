"""Slots for calls to WeChat, per process: a slow WeChat may hold a few threads, never all.

A call that cannot get a slot within its wait raises `WeChatBusy` (a transient WeChatError:
the worker tries the message again later; a request answers 503 `busy` with Retry-After).
"""

import threading
from contextlib import contextmanager

from server.metrics.instruments import WECHAT_CALLS, WECHAT_SLOTS_IN_USE
from server.wechat.errors import WeChatBusy


class CallSlots:
    """`count` concurrent calls; a caller waits at most `wait` seconds for one."""

    def __init__(self, count, wait):
        if count < 1:
            raise ValueError("at least one WeChat call slot")
        self.count, self.wait = count, wait
        self._semaphore = threading.BoundedSemaphore(count)

    @contextmanager
    def held(self, api):
        """Hold a slot for one call to `api`; WeChatBusy when none comes in time."""
        if not self._semaphore.acquire(timeout=self.wait):
            WECHAT_CALLS.labels(api, "no_slot").inc()
            raise WeChatBusy()
        WECHAT_SLOTS_IN_USE.inc()
        try:
            yield
        finally:
            WECHAT_SLOTS_IN_USE.dec()
            self._semaphore.release()
