"""The only package that imports wechatpy: the configured client and the fake WeChat server."""

import atexit
import logging

from flask import current_app

from server.wechat.client import WeChat, WeChatError

__all__ = ["WeChat", "WeChatError", "init_app", "current_wechat"]

log = logging.getLogger(__name__)


def init_app(app):
    """Create the app's WeChat client; demo mode starts the fake WeChat server first."""
    config = app.config
    api_base = config.get("WECHAT_API_BASE")
    if not api_base and config["DEMO"]:
        from server.wechat.fake import FakeWeChat

        push_url = f"http://{config['HOST']}:{config['PORT']}/api/mp/v1/wechat/push"
        fake = FakeWeChat(
            config["WECHAT_APPID"],
            config["WECHAT_SECRET"],
            push_url=push_url,
            push_token=config["WECHAT_PUSH_TOKEN"],
        )
        api_base = fake.start()
        atexit.register(fake.stop)
        app.extensions["fake_wechat"] = fake
        log.warning("demo mode: fake WeChat server at %s", api_base)
    if not api_base:
        api_base = "https://api.weixin.qq.com/"
    app.extensions["wechat"] = WeChat(
        appid=config["WECHAT_APPID"],
        secret=config["WECHAT_SECRET"],
        api_base=api_base,
        timeout=config["WECHAT_TIMEOUT"],
        push_token=config["WECHAT_PUSH_TOKEN"],
    )


def current_wechat():
    """The WeChat client of the running app."""
    return current_app.extensions["wechat"]
