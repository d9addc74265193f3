"""The app's WeChat client: wechatpy pointed at one configured API base, per instance.

wechatpy 1.8 keeps two base URLs (the client's `.../cgi-bin/` and `WeChatWxa.API_BASE_URL`
for `sns/` and `wxa/` paths) and hard-codes the token URL; all three are set here on the
instance, never by patching classes, so the real WeChat and the fake one can live side by
side in one process. The access token is cached in MongoDB, shared by every process.
"""

import logging
import threading
import time
from datetime import timedelta

import requests
from wechatpy.client import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.session import SessionStorage
from wechatpy.utils import check_signature

from models.infra import CachedValue
from server.clock import as_utc, utcnow

log = logging.getLogger(__name__)

# Refresh this long before WeChat's own expiry so no request carries a dying token.
TOKEN_MARGIN = 300
# Token refreshes one operation may make after WeChat refuses its token (40001).
MAX_REFRESHES = 2
# Errors worth trying again later: system busy, rate limited, or no answer at all.
TRANSIENT_ERRCODES = {None, -1, 45009, 45011}
# Content-security checks: the verdicts WeChat gives, the scene of a parent's report
# (3: forum post, the closest of WeChat's four scenes) and media_type 2 (a picture).
SUGGESTS = ("pass", "review", "risky")
TEXT_SCENE = 3
MEDIA_IMAGE = 2
# What a 小程序码 may come back as: PNG (the fake; transparent codes) or JPEG (WeChat's default).
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


class WeChatError(Exception):
    """A failed WeChat call: `errcode` is WeChat's, or None when WeChat did not answer."""

    def __init__(self, errcode=None, errmsg=""):
        super().__init__(f"WeChat error {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg

    @property
    def transient(self):
        """Whether trying again later may succeed."""
        return self.errcode in TRANSIENT_ERRCODES


class MongoTokenStorage(SessionStorage):
    """wechatpy's token cache kept in MongoDB, so all app and worker processes share one token."""

    def get(self, key, default=None):
        """The cached value, or `default` when missing or expired."""
        # Read on every WeChat call: a raw read skips building a document each time.
        doc = CachedValue._get_collection().find_one({"_id": key}, {"value": 1, "expires_at": 1})
        if doc is None or (doc.get("expires_at") and as_utc(doc["expires_at"]) <= utcnow()):
            return default
        return doc.get("value", default)

    def set(self, key, value, ttl=None):
        """Cache `value` for `ttl` seconds (less a safety margin)."""
        expires_at = None
        if ttl:
            expires_at = utcnow() + timedelta(seconds=max(int(ttl) - TOKEN_MARGIN, 1))
        CachedValue.objects(key=key).update_one(
            set__value=value, set__expires_at=expires_at, upsert=True
        )

    def delete(self, key):
        """Drop the cached value."""
        CachedValue.objects(key=key).delete()


class _Client(WeChatClient):
    """wechatpy's client with every base URL taken from config and a timeout on token fetches."""

    def __init__(self, appid, secret, *, api_base, timeout):
        super().__init__(appid, secret, session=MongoTokenStorage(), timeout=timeout)
        self.api_base = api_base
        self.API_BASE_URL = api_base + "cgi-bin/"
        self.wxa.API_BASE_URL = api_base
        # Every fetch invalidates the previous token, so concurrent requests must not each
        # fetch one: they would refuse each other's tokens (40001) and, through wechatpy's
        # unbounded retry, recurse until the stack runs out. One fetch at a time per process,
        # a refused token is replaced only if nobody replaced it yet, retries are bounded.
        self._token_lock = threading.Lock()
        self._local = threading.local()

    def start_operation(self):
        """Reset this thread's refresh budget before one WeChat operation."""
        self._local.refreshes = 0

    @property
    def access_token(self):
        """The shared cached token; when there is none, one thread of the process fetches it."""
        token = self.session.get(self.access_token_key)
        if token:
            return token
        with self._token_lock:
            token = self.session.get(self.access_token_key)
            if not token:
                self._fetch_token()
                token = self.session.get(self.access_token_key)
        return token

    def _handle_result(self, res, method=None, url=None, result_processor=None, **kwargs):
        """Remember which token this thread's request carried, for a refusal to compare."""
        self._local.used_token = (kwargs.get("params") or {}).get("access_token")
        return super()._handle_result(res, method, url, result_processor, **kwargs)

    def fetch_access_token(self):
        """wechatpy's answer to 40001: replace the refused token unless another thread or
        process already did, and give up after MAX_REFRESHES within one operation."""
        refreshes = getattr(self._local, "refreshes", 0) + 1
        self._local.refreshes = refreshes
        if refreshes > MAX_REFRESHES:
            raise WeChatClientException(40001, "access token refused again", client=self)
        with self._token_lock:
            current = self.session.get(self.access_token_key)
            if current and current != getattr(self._local, "used_token", None):
                return None
            return self._fetch_token()

    def _fetch_token(self):
        """Fetch a new token from the configured base (wechatpy hard-codes the real host)."""
        log.info("fetching WeChat access token")
        res = self._http.get(
            self.api_base + "cgi-bin/token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
            timeout=self.timeout,
        )
        res.raise_for_status()
        result = res.json()
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result.get("errmsg"), client=self)
        expires_in = int(result.get("expires_in", 7200))
        self.session.set(self.access_token_key, result["access_token"], expires_in)
        self.expires_at = int(time.time()) + expires_in - TOKEN_MARGIN
        return result


class WeChat:
    """The operations the app needs from WeChat, each raising WeChatError on failure."""

    def __init__(self, *, appid, secret, api_base, timeout=5.0, push_token=None):
        if not api_base.endswith("/"):
            api_base += "/"
        self.appid = appid
        self.api_base = api_base
        self.push_token = push_token
        self.client = _Client(appid, secret, api_base=api_base, timeout=timeout)

    def _call(self, func, *args, **kwargs):
        self.client.start_operation()
        try:
            return func(*args, **kwargs)
        except WeChatClientException as exc:
            raise WeChatError(exc.errcode, exc.errmsg) from None
        except (requests.RequestException, ValueError) as exc:
            # Timeouts, refused connections, 5xx pages and bodies that are not JSON.
            raise WeChatError(None, type(exc).__name__) from None

    def access_token(self):
        """The current access token (fetched once, then shared through MongoDB)."""
        return self._call(lambda: self.client.access_token)

    def code_to_session(self, code):
        """code2Session: `{"openid", "session_key", ...}` for a wx.login code."""
        params = {
            "appid": self.appid,
            "secret": self.client.secret,
            "js_code": code,
            "grant_type": "authorization_code",
            # code2Session takes no access token; None stops wechatpy from fetching one
            # (requests drops None-valued parameters from the URL).
            "access_token": None,
        }
        result = self._call(self.client.wxa._get, "sns/jscode2session", params=params)
        if not isinstance(result, dict) or "openid" not in result:
            raise WeChatError(None, "unexpected code2Session answer")
        return result

    def send_subscribe_message(self, openid, template_id, data, page=None):
        """subscribeMessage.send: one status message to a parent who accepted the template."""
        return self._call(self.client.wxa.send_subscribe_message, openid, template_id, data, page)

    def check_text(self, openid, content, *, scene=TEXT_SCENE):
        """msgSecCheck version 2: WeChat's suggest for `content` ("pass", "review", "risky")."""
        # wechatpy 1.8's check_text_security still sends the version-1 body, which WeChat
        # (and the fake) refuse with 47001, so the version-2 body is posted here directly.
        body = {"version": 2, "openid": openid, "scene": scene, "content": content}
        result = self._call(self.client.wxa._post, "wxa/msg_sec_check", data=body)
        suggest = (result.get("result") or {}).get("suggest") if isinstance(result, dict) else None
        if suggest not in SUGGESTS:
            raise WeChatError(None, "unexpected msgSecCheck answer")
        return suggest

    def check_media_async(self, openid, media_url, *, scene=TEXT_SCENE, media_type=MEDIA_IMAGE):
        """mediaCheckAsync version 2: submit a picture WeChat fetches from `media_url`; trace_id."""
        body = {
            "version": 2,
            "openid": openid,
            "scene": scene,
            "media_url": media_url,
            "media_type": media_type,
        }
        result = self._call(self.client.wxa._post, "wxa/media_check_async", data=body)
        trace_id = result.get("trace_id") if isinstance(result, dict) else None
        if not trace_id:
            raise WeChatError(None, "unexpected mediaCheckAsync answer")
        return trace_id

    def get_wxa_code_unlimited(self, scene, page=None, width=430):
        """getwxacodeunlimit: the image bytes of a 小程序码 opening `page` with `scene`."""
        # wechatpy answers a requests.Response when the body is an image, and a dict (or
        # WeChatClientException for a non-zero errcode) when WeChat answered JSON.
        result = self._call(
            self.client.wxa.get_wxa_code_unlimited, scene, width=width, page=page or None
        )
        if isinstance(result, dict):
            raise WeChatError(result.get("errcode"), result.get("errmsg", "no image returned"))
        content = getattr(result, "content", b"")
        if not content.startswith(IMAGE_SIGNATURES):
            raise WeChatError(None, "getwxacodeunlimit answered no image")
        return content

    def verify_push_signature(self, signature, timestamp, nonce):
        """Whether a message push really comes from WeChat (signed with our push token)."""
        try:
            check_signature(self.push_token, signature, timestamp, nonce)
            return True
        except Exception:  # wechatpy raises InvalidSignatureException; anything else is bad input
            return False
