"""The access token: WeChat's stable token, cached in MongoDB for every process.

`cgi-bin/token` is shared with any other system using the same AppID: each fetch there
invalidates the others' tokens. `cgi-bin/stable_token` is isolated from it, and in its
normal mode (`force_refresh: false`) every caller gets the same token until 5 minutes
before it expires, when WeChat issues the next one and keeps both valid for those 5
minutes. So processes fetch in normal mode, cache in MongoDB, and force a refresh only
when WeChat refuses the token they carried (40001, 40014, 42001): at most once per
operation, and not at all when another process already replaced that token.
"""

import logging
import threading
import time
from datetime import timedelta

from wechatpy.client import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.session import SessionStorage

from models.infra import CachedValue
from server.clock import as_utc, utcnow

log = logging.getLogger(__name__)

# Renew this long before WeChat's expiry: WeChat issues the next stable token then.
TOKEN_MARGIN = 300
# Forced refreshes one operation may make after WeChat refuses its token.
MAX_REFRESHES = 1


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


class StableTokenClient(WeChatClient):
    """wechatpy's client with every base URL from config and the stable token."""

    def __init__(self, appid, secret, *, api_base, timeout):
        super().__init__(appid, secret, session=MongoTokenStorage(), timeout=timeout)
        self.api_base = api_base
        self.API_BASE_URL = api_base + "cgi-bin/"
        self.wxa.API_BASE_URL = api_base
        # One fetch at a time per process; other processes see the token through MongoDB.
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
                self._fetch_token(force=False)
                token = self.session.get(self.access_token_key)
        return token

    def _handle_result(self, res, method=None, url=None, result_processor=None, **kwargs):
        """Remember which token this thread's request carried, and how WeChat refused it."""
        self._local.used_token = (kwargs.get("params") or {}).get("access_token")
        self._local.refusal = _errcode(res)
        return super()._handle_result(res, method, url, result_processor, **kwargs)

    def fetch_access_token(self):
        """wechatpy's answer to 40001/40014/42001: one forced refresh per operation, unless
        another thread or process already replaced the refused token."""
        refreshes = getattr(self._local, "refreshes", 0) + 1
        self._local.refreshes = refreshes
        if refreshes > MAX_REFRESHES:
            errcode = getattr(self._local, "refusal", None) or 40001
            raise WeChatClientException(errcode, "access token refused again", client=self)
        with self._token_lock:
            current = self.session.get(self.access_token_key)
            if current and current != getattr(self._local, "used_token", None):
                return None
            return self._fetch_token(force=True)

    def _fetch_token(self, *, force):
        """POST cgi-bin/stable_token at the configured base and cache the answer."""
        log.info("fetching WeChat stable access token (force_refresh=%s)", force)
        body = {
            "grant_type": "client_credential",
            "appid": self.appid,
            "secret": self.secret,
            "force_refresh": force,
        }
        res = self._http.post(
            self.api_base + "cgi-bin/stable_token", json=body, timeout=self.timeout
        )
        res.raise_for_status()
        result = res.json()
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result.get("errmsg"), client=self)
        expires_in = int(result.get("expires_in", 7200))
        self.session.set(self.access_token_key, result["access_token"], expires_in)
        self.expires_at = int(time.time()) + expires_in - TOKEN_MARGIN
        return result


def _errcode(res):
    """WeChat's errcode in a JSON answer (None for images and other bodies)."""
    if "json" not in getattr(res, "headers", {}).get("Content-Type", ""):
        return None
    try:
        return int(res.json().get("errcode"))
    except (ValueError, TypeError, AttributeError):
        return None
