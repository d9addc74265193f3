"""A fake 企业微信 group robot: a real HTTP server on loopback, as strict as the real one.

`POST /cgi-bin/webhook/send?key=KEY` with a JSON body: the key must be one the fake
knows (else errcode 93000), `msgtype` is `text` or `markdown` (else 40008), the content a
non-empty string (else 44004) of at most 2048 bytes for text and 4096 for markdown in
UTF-8 (else 40058), and a key takes at most 20 messages a minute (else 45009). Accepted
messages are kept in `received`; `fail_next` makes the next calls fail (an HTTP status or
an errcode) so tests see retries.
"""

import json
import threading
import uuid
from collections import deque
from urllib.parse import parse_qs, urlsplit

from server.clock import Clock
from server.emulators.wechat.fake_http import QuietServer

LIMITS = {"text": 2048, "markdown": 4096}
PER_MINUTE = 20
PATH = "/cgi-bin/webhook/send"


def _json(payload):
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


class FakeRobot:
    """Robots (one per key) behind one loopback server."""

    def __init__(self, host="127.0.0.1", port=0):
        self.host, self.port = host, port
        self.clock = Clock()
        self.keys, self.received, self.failures = set(), [], deque()
        self._sent_at = {}
        self._lock = threading.Lock()
        self._server = self._thread = None
        self.base_url = None

    def start(self):
        """Serve in a daemon thread; the base URL."""
        if self._server is None:
            self._server = QuietServer((self.host, self.port), self._dispatch)
            host, port = self._server.server_address[:2]
            self.base_url = f"http://{host}:{port}"
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(0.05,), name="fake-robot", daemon=True
            )
            self._thread.start()
        return self.base_url

    def stop(self):
        """Stop serving; harmless twice."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            self._thread.join(timeout=5)

    def new_robot(self):
        """A webhook URL with a fresh key, as adding a robot to a group gives."""
        key = str(uuid.uuid4())
        with self._lock:
            self.keys.add(key)
        return f"{self.start()}{PATH}?key={key}"

    def reset(self, now=None):
        """Forget robots, messages, failures and the rate window; the clock at `now`."""
        with self._lock:
            self.keys.clear()
            self.received.clear()
            self.failures.clear()
            self._sent_at.clear()
        if now is not None:
            self.clock.set(now, frozen=True)

    def fail_next(self, *answers):
        """The next calls answer these instead: an int errcode, or ("http", status)."""
        with self._lock:
            self.failures.extend(answers)

    def messages(self, url=None):
        """The contents accepted (for one robot's URL, or all)."""
        key = parse_qs(urlsplit(url).query).get("key", [None])[0] if url else None
        return [m["content"] for k, m in self.received if key is None or k == key]

    def _dispatch(self, method, path, body):
        parts = urlsplit(path)
        key = parse_qs(parts.query).get("key", [""])[0]
        if method != "POST" or parts.path != PATH:
            return 404, "text/plain", b"not found"
        with self._lock:
            if self.failures:
                failure = self.failures.popleft()
                if isinstance(failure, tuple):
                    return failure[1], "text/plain", b"unavailable"
                return self._error(failure, "injected failure")
            return self._accept(key, body)

    def _accept(self, key, body):
        if key not in self.keys:
            return self._error(93000, "invalid webhook url")
        if not isinstance(body, dict) or body.get("msgtype") not in LIMITS:
            return self._error(40008, "invalid message type")
        kind = body["msgtype"]
        payload = body.get(kind)
        content = payload.get("content") if isinstance(payload, dict) else None
        if not isinstance(content, str) or not content:
            return self._error(44004, "empty content")
        if len(content.encode("utf-8")) > LIMITS[kind]:
            return self._error(40058, f"{kind}.content exceed max length {LIMITS[kind]}")
        now = self.clock.now().timestamp()
        recent = [t for t in self._sent_at.get(key, []) if now - t < 60]
        if len(recent) >= PER_MINUTE:
            return self._error(45009, "api freq out of limit")
        self._sent_at[key] = [*recent, now]
        self.received.append((key, {"msgtype": kind, "content": content}))
        return 200, "application/json", _json({"errcode": 0, "errmsg": "ok"})

    @staticmethod
    def _error(errcode, errmsg):
        return 200, "application/json", _json({"errcode": errcode, "errmsg": errmsg})
