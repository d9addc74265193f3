"""wechatpy's own client pointed at the fake WeChat server, for the fake's unit tests."""

from datetime import UTC, datetime

from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

APPID, SECRET = "wx-test-appid", "test-secret"
T0 = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)
TEMPLATES = {"tpl-1": ("投诉处理进度通知", "编号:{{character_string1.DATA}}\n说明:{{thing2.DATA}}")}


class FakeBackedClient(WeChatClient):
    """wechatpy's client pointed at the fake per instance, as the production wrapper is."""

    def __init__(self, base_url, appid=APPID, secret=SECRET, **kwargs):
        super().__init__(appid, secret, **kwargs)
        self.base_url = base_url
        self.API_BASE_URL = base_url + "cgi-bin/"
        self.wxa.API_BASE_URL = base_url

    def fetch_access_token(self, force=False):
        """A stable token from the fake (wechatpy 1.8 knows only cgi-bin/token)."""
        body = {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
        result = self._http.post(
            self.base_url + "cgi-bin/stable_token", json=dict(body, force_refresh=force)
        ).json()
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result["errmsg"], client=self)
        self.session.set(self.access_token_key, result["access_token"], result["expires_in"])
        return result


def v2(openid="o-parent", **fields):
    """A version-2 security check body."""
    return {"version": 2, "openid": openid, "scene": 2, **fields}
