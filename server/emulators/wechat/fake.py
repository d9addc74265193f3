"""A fake WeChat API server on loopback, started by demo mode and the tests.

It mirrors the public behaviour of api.weixin.qq.com for the endpoints this backend uses,
as strictly as WeChat, so the real wechatpy client talks to it over real HTTP: JSON bodies
with `errcode` and `errmsg` and HTTP 200 even for errors; stable and plain access tokens
that expire and overlap 5 minutes when renewed (`fake_tokens`); single-use login codes
that expire (`fake_codes`); msgSecCheck and mediaCheckAsync in version 2 only, 61010 for
a stale openid; mediaCheckAsync results pushed later, after downloading `media_url`, in
the configured push mode and format (`fake_push`); subscribe messages checked against the
account's templates and the mini-program's pages (`fake_registry`), which a user may
refuse; JPEG 小程序码. Tests program failures, delays, verdicts and time with the hooks on
`FakeWeChat`. It imports neither Flask nor models.
"""

import copy
import secrets
import threading
from urllib.parse import parse_qs, urlsplit

from server.clock import Clock
from server.emulators.wechat import fake_faults, fake_push
from server.emulators.wechat.fake_api import LABELS, ROUTES, TOKEN_FREE, json_reply, wechat_error
from server.emulators.wechat.fake_codes import LoginCodes, derive_openid
from server.emulators.wechat.fake_hooks import Programming
from server.emulators.wechat.fake_http import QuietServer
from server.emulators.wechat.fake_outbox import Outbox
from server.emulators.wechat.fake_registry import Registry
from server.emulators.wechat.fake_tokens import TokenBook

# The pages of our mini-program, in every version, unless a test says otherwise.
DEFAULT_PAGES = ("pages/index/index", "pages/institution/detail", "pages/complaint/detail")
DOWNLOAD_ERROR = (fake_push.DOWNLOAD_FAILED, "下载错误，请检查 media_url 是否可以访问")


class FakeWeChat(Programming):
    """A WeChat API server in a daemon thread; every hook and log is thread-safe."""

    def __init__(
        self,
        appid="wx-demo-appid",
        secret="demo-secret",
        *,
        host="127.0.0.1",
        port=0,
        push_url=None,
        push_token="demo-push-token",
        push_mode="plaintext",
        push_format="json",
        aes_key=None,
        auto_push=True,
        push_delay=0.1,
        templates=None,
        pages=DEFAULT_PAGES,
        accept_unseen_codes=False,
    ):
        self.appid, self.secret = appid, secret
        self.host, self.port = host, port
        self.push_url, self.push_token = push_url, push_token
        # How pushes are sent, as set in the mini-program's admin console.
        self.push_mode, self.push_format, self.aes_key = push_mode, push_format, aes_key
        # auto_push=False queues results until push_pending(), for tests that want control.
        self.auto_push, self.push_delay = auto_push, push_delay
        # The fake's own time (tests set it to fixed instants, as the app's clock).
        self.clock = Clock()
        self.tokens = TokenBook(self.now)
        self.codes = LoginCodes(self.now, accept_unseen=accept_unseen_codes)
        self.registry = Registry(templates, pages)
        self.base_url = None
        self._server = self._thread = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._outbox = Outbox()
        self.reset()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def now(self):
        """The fake's current time in seconds since the epoch."""
        return self.clock.now().timestamp()

    def start(self):
        """Serve in a daemon thread; return the base URL, e.g. "http://127.0.0.1:PORT/"."""
        if self._server is not None:
            return self.base_url
        self._stopping.clear()
        self._server = QuietServer((self.host, self.port), self._dispatch)
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host}:{port}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-wechat", daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self):
        """Stop serving and drop pushes not yet sent; calling it twice is harmless."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # wakes requests sleeping in set_delay
        server.shutdown()
        server.server_close()
        self._thread.join(timeout=5)
        self._outbox.cancel()

    def reset(self):
        """Forget programming, logs, pushes, tokens, codes; initial registry, wall clock."""
        with self._lock:
            self._fetches = 0
            self._calls, self._sent, self._media = [], [], []
            self.forget_programming()
        self.clock.reset()
        self.tokens.reset()
        self.codes.reset()
        self.registry.reset()
        self._outbox.cancel(forget=True)

    def login_code(self, user="user"):
        """A fresh single-use wx.login code of `user` (whose openid is openid_for(user))."""
        return self.codes.issue(user)

    def openid_for(self, user):
        """Return the stable openid of a user (a code's own in demo mode)."""
        return derive_openid(self.appid + user)

    @property
    def calls(self):
        """Every request so far: {"path", "method", "params", "json"}."""
        with self._lock:
            return copy.deepcopy(self._calls)

    @property
    def token_fetches(self):
        """How many token calls (cgi-bin/token or stable_token) succeeded."""
        with self._lock:
            return self._fetches

    @property
    def sent_messages(self):
        """Accepted subscribe message bodies."""
        with self._lock:
            return copy.deepcopy(self._sent)

    @property
    def media_checks(self):
        """Accepted media checks: {"trace_id", "media_url", "suggest"}."""
        with self._lock:
            return copy.deepcopy(self._media)

    @property
    def pushes(self):
        """Push attempts: {"trace_id", "status", "downloaded"} or {"trace_id", "error"}."""
        return self._outbox.log

    def push_pending(self):
        """Deliver the pushes queued while auto_push is False, now; return how many."""
        return self._outbox.flush()

    def wait_idle(self, timeout=5):
        """Wait until every scheduled push has been delivered; False on timeout."""
        return self._outbox.wait_idle(timeout)

    # -- used by the endpoints in fake_api ------------------------------------------------

    def count_fetch(self):
        """Count one successful token call."""
        with self._lock:
            self._fetches += 1

    def accept_message(self, body):
        """Record a subscribe message unless its user refused; return 0 or the errcode."""
        with self._lock:
            refusal = self._declined.get(body["touser"], 0)
            if not refusal:
                self._sent.append(body)
            return refusal

    def accept_media(self, body, trace_id, suggest):
        """Record a media check and schedule (or queue) the download and push of its result."""
        with self._lock:
            self._media.append(
                {"trace_id": trace_id, "media_url": body["media_url"], "suggest": suggest}
            )
        job = lambda: self._push_result(body["openid"], body["media_url"], trace_id, suggest)  # noqa: E731
        self._outbox.add(trace_id, job, delay=self.push_delay if self.auto_push else None)

    def _push_result(self, openid, media_url, trace_id, suggest):
        """Download the picture as WeChat does, then push the verdict or the -1008 failure."""
        url = self.push_url
        if not url:
            return {"error": "no push_url"}
        downloaded = fake_push.download(media_url)
        event = fake_push.media_check_event(
            appid=self.appid,
            openid=openid,
            trace_id=trace_id,
            suggest=suggest,
            label=LABELS[suggest],
            now=self.now(),
            error=None if downloaded else DOWNLOAD_ERROR,
        )
        outcome = self.send_push(event)
        return {**outcome, "downloaded": downloaded}

    def send_push(self, event, *, timestamp=None, nonce=None):
        """POST an event to push_url in the configured mode and format; the outcome."""
        query, body, content_type = fake_push.encode_push(
            event,
            fmt=self.push_format,
            mode=self.push_mode,
            token=self.push_token,
            timestamp=str(int(self.now() if timestamp is None else timestamp)),
            nonce=nonce or str(secrets.randbelow(10**10)),
            aes_key=self.aes_key,
            appid=self.appid,
        )
        return fake_push.deliver(self.push_url, query, body, content_type)

    # -- internals ------------------------------------------------------------------------

    def _dispatch(self, method, raw_path, body):
        """Answer one request as (status, content type, bytes)."""
        split = urlsplit(raw_path)
        path = split.path.lstrip("/")
        params = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        with self._lock:
            self._calls.append({"path": path, "method": method, "params": params, "json": body})
            delay = max((s for p, s in self._delays.items() if p is None or p in path), default=0)
            failure = self._take_failure(path)
            fault = self.faults.draw(path)
        if fault == "slow":
            delay += self.faults.slow_seconds
        elif fault:
            failure = failure or fake_faults.answer(fault)[1]
        if delay:
            self._stopping.wait(delay)
        if failure:
            return failure
        endpoint = ROUTES.get((method, path))
        if endpoint is None:
            return json_reply({"errcode": 404, "errmsg": f"no such api: {method} {path}"}, 404)
        if path not in TOKEN_FREE:
            refusal = self.tokens.check(params.get("access_token"))
            if refusal:
                return wechat_error(refusal)
        return endpoint(self, params, body)
