"""The app's WeChat client: wechatpy pointed at one configured API base, per instance.

wechatpy 1.8 keeps two base URLs (the client's `.../cgi-bin/` and `WeChatWxa.API_BASE_URL`
for `sns/` and `wxa/` paths) and hard-codes the token URL; all three are set here on the
instance, never by patching classes, so the real WeChat and the fake one can live side by
side in one process. The access token is WeChat's stable token, cached in MongoDB
(`server.wechat.tokens`).
"""

import logging

import requests
from wechatpy.exceptions import WeChatClientException

from server.metrics.instruments import WECHAT_CALLS
from server.wechat import templates as subscribe_templates
from server.wechat.errors import TRANSIENT_ERRCODES, WeChatError
from server.wechat.slots import CallSlots
from server.wechat.tokens import StableTokenClient

__all__ = ["WeChat", "WeChatError", "TRANSIENT_ERRCODES"]

log = logging.getLogger(__name__)

# Content-security checks: the verdicts WeChat gives, the scene of a parent's report
# (3: forum post, the closest of WeChat's four scenes) and media_type 2 (a picture).
SUGGESTS = ("pass", "review", "risky")
TEXT_SCENE = 3
MEDIA_IMAGE = 2
# What a 小程序码 may come back as: JPEG (WeChat's default) or PNG (transparent codes).
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
# The mini-program version a message opens, named as subscribeMessage.send names it.
MINIPROGRAM_STATES = {"release": "formal", "trial": "trial", "develop": "developer"}


class WeChat:
    """The operations the app needs from WeChat, each raising WeChatError on failure."""

    def __init__(
        self,
        *,
        appid,
        secret,
        api_base,
        timeout=5.0,
        templates=None,
        env_version="release",
        check_path=True,
        slots=4,
        slot_wait=0.2,
    ):
        if not api_base.endswith("/"):
            api_base += "/"
        self.appid = appid
        self.api_base = api_base
        # {WeChat template id: SubscribeTemplate}: what send checks a message against.
        self.templates = dict(templates or {})
        self.env_version, self.check_path = env_version, check_path
        # At most `slots` calls in flight per process: a slow WeChat holds those threads,
        # never all of them; a call that finds no slot within `slot_wait` s fails at once.
        self.slots = CallSlots(slots, slot_wait)
        self.client = StableTokenClient(appid, secret, api_base=api_base, timeout=timeout)

    def _call(self, api, func, *args, **kwargs):
        """Run one WeChat call in a slot of this process, counted by API and outcome."""
        with self.slots.held(api):
            self.client.start_operation()
            try:
                result = func(*args, **kwargs)
            except WeChatClientException as exc:
                error = WeChatError(exc.errcode, exc.errmsg)
                WECHAT_CALLS.labels(api, "transient" if error.transient else "wechat_error").inc()
                raise error from None
            except (requests.RequestException, ValueError) as exc:
                # Timeouts, refused connections, 5xx pages and bodies that are not JSON.
                WECHAT_CALLS.labels(api, "unreachable").inc()
                raise WeChatError(None, type(exc).__name__) from None
            WECHAT_CALLS.labels(api, "ok").inc()
            return result

    def access_token(self):
        """The current access token (fetched once, then shared through MongoDB)."""
        return self._call("token", lambda: self.client.access_token)

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
        result = self._call(
            "code2session", self.client.wxa._get, "sns/jscode2session", params=params
        )
        if not isinstance(result, dict) or "openid" not in result:
            raise WeChatError(None, "unexpected code2Session answer")
        return result

    def send_subscribe_message(self, openid, template_id, data, page=None):
        """subscribeMessage.send, after checking `data` against our template table."""
        template = self.templates.get(template_id)
        if template is None:
            raise WeChatError(40037, "template id is not one of ours: refused before sending")
        subscribe_templates.check_data(template, data)
        body = {
            "touser": openid,
            "template_id": template_id,
            "data": data,
            "miniprogram_state": MINIPROGRAM_STATES[self.env_version],
            "lang": "zh_CN",
        }
        if page:
            body["page"] = page
        return self._call(
            "subscribe_send", self.client.wxa._post, "cgi-bin/message/subscribe/send", data=body
        )

    def account_templates(self):
        """wxaapi/newtmpl/gettemplate: the account's subscribe templates (`priTmplId`, ...)."""
        result = self._call("gettemplate", self.client.wxa._get, "wxaapi/newtmpl/gettemplate")
        items = result.get("data") if isinstance(result, dict) else None
        if not isinstance(items, list):
            raise WeChatError(None, "unexpected gettemplate answer")
        return items

    def check_text(self, openid, content, *, scene=TEXT_SCENE):
        """msgSecCheck version 2: WeChat's suggest for `content` ("pass", "review", "risky")."""
        # wechatpy 1.8's check_text_security still sends the version-1 body, which WeChat
        # (and the fake) refuse with 47001, so the version-2 body is posted here directly.
        body = {"version": 2, "openid": openid, "scene": scene, "content": content}
        result = self._call("msg_sec_check", self.client.wxa._post, "wxa/msg_sec_check", data=body)
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
        result = self._call(
            "media_check_async", self.client.wxa._post, "wxa/media_check_async", data=body
        )
        trace_id = result.get("trace_id") if isinstance(result, dict) else None
        if not trace_id:
            raise WeChatError(None, "unexpected mediaCheckAsync answer")
        return trace_id

    def get_wxa_code_unlimited(self, scene, page=None, width=430):
        """getwxacodeunlimit: the image bytes (JPEG from WeChat) of a 小程序码 opening `page`."""
        # wechatpy 1.8 sends neither check_path nor env_version, so the body is posted here;
        # it answers a requests.Response when the body is an image, and a dict (or
        # WeChatClientException for a non-zero errcode) when WeChat answered JSON.
        body = {
            "scene": scene,
            "width": width,
            "check_path": self.check_path,
            "env_version": self.env_version,
        }
        if page:
            body["page"] = page
        result = self._call(
            "getwxacodeunlimit", self.client.wxa._post, "wxa/getwxacodeunlimit", data=body
        )
        if isinstance(result, dict):
            raise WeChatError(result.get("errcode"), result.get("errmsg", "no image returned"))
        content = getattr(result, "content", b"")
        if not content.startswith(IMAGE_SIGNATURES):
            raise WeChatError(None, "getwxacodeunlimit answered no image")
        return content
