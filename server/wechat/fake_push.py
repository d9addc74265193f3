"""Signed pushes from the fake WeChat server to our message endpoint.

WeChat delivers mediaCheckAsync verdicts later, as a POST to the developer's message push
URL. The query string carries `signature`, `timestamp` and `nonce`, where signature is the
sha1 of the sorted concatenation of the push token, timestamp and nonce: exactly what
`wechatpy.utils.check_signature` verifies. The body is the JSON event (JSON push format).
"""

import hashlib
import json
import secrets
import threading
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

# Pushes go to our own app on loopback: never through an environment-configured proxy.
_OPENER = build_opener(ProxyHandler({}))


def sign(token, timestamp, nonce):
    """Return WeChat's push signature for token, timestamp and nonce."""
    parts = sorted(str(part).encode("utf-8") for part in (token, timestamp, nonce))
    return hashlib.sha1(b"".join(parts)).hexdigest()


def media_check_event(*, appid, openid, trace_id, suggest, label):
    """Return the JSON event WeChat pushes when a mediaCheckAsync verdict is ready."""
    return {
        "ToUserName": "gh_" + hashlib.sha256(appid.encode("utf-8")).hexdigest()[:12],
        "FromUserName": openid,
        "CreateTime": int(time.time()),
        "MsgType": "event",
        "Event": "wxa_media_check",
        "appid": appid,
        "trace_id": trace_id,
        "version": 2,
        "result": {"suggest": suggest, "label": label},
        "detail": [
            {
                "strategy": "content_model",
                "errcode": 0,
                "suggest": suggest,
                "label": label,
                "prob": 0 if suggest == "pass" else 90,
            }
        ],
    }


def deliver(url, token, event, *, timeout=5):
    """POST a signed event to url; return {"status": code} or {"error": reason}."""
    timestamp, nonce = str(int(time.time())), str(secrets.randbelow(10**10))
    query = urlencode(
        {"signature": sign(token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
    )
    request = Request(
        url + ("&" if urlsplit(url).query else "?") + query,
        data=json.dumps(event, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return {"status": response.status}
    except HTTPError as error:
        return {"status": error.code}
    except (URLError, OSError) as error:
        return {"error": str(error)}


class Outbox:
    """Pushes not yet delivered: each on a timer, or queued until flush(); all thread-safe."""

    def __init__(self, address):
        # address() -> (push_url or None, push_token), read at delivery time so tests may
        # set push_url after the media check was made.
        self._address = address
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._timers, self._pending, self._queued, self._log = set(), 0, [], []

    @property
    def log(self):
        """Delivery attempts: {"trace_id", "status"} or {"trace_id", "error"}."""
        with self._lock:
            return [dict(entry) for entry in self._log]

    def add(self, event, *, delay=None):
        """Deliver event after delay seconds in a timer thread, or queue it if delay is None."""
        with self._lock:
            if delay is None:
                self._queued.append(event)
                return
            timer = threading.Timer(delay, self._deliver_scheduled)
            timer.args, timer.daemon = (timer, event), True
            self._timers.add(timer)
            self._pending += 1
            timer.start()

    def flush(self):
        """Deliver the queued events now, in this thread; return how many."""
        with self._lock:
            events, self._queued = self._queued, []
        for event in events:
            self._deliver(event)
        return len(events)

    def wait_idle(self, timeout=5):
        """Wait until every timed delivery has finished; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def cancel(self, *, forget=False):
        """Cancel timed deliveries not yet started; forget=True also drops the queue and log."""
        with self._lock:
            for timer in self._timers:
                timer.cancel()
            self._pending -= len(self._timers)
            self._timers = set()
            if forget:
                self._queued, self._log = [], []
            self._idle.notify_all()

    def _deliver_scheduled(self, timer, event):
        """Timer body: deliver unless cancel() got here first."""
        with self._lock:
            if timer not in self._timers:
                return
            self._timers.discard(timer)
        try:
            self._deliver(event)
        finally:
            with self._lock:
                self._pending -= 1
                self._idle.notify_all()

    def _deliver(self, event):
        """Send one event and record the outcome."""
        url, token = self._address()
        outcome = deliver(url, token, event) if url else {"error": "no push_url"}
        with self._lock:
            self._log.append({"trace_id": event["trace_id"], **outcome})
