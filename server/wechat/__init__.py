"""The only package that imports wechatpy: the configured client, the push reader and the
fake WeChat server."""

import atexit
import logging

from flask import current_app

from server.wechat import templates
from server.wechat.client import WeChat, WeChatError
from server.wechat.push import PushReader

__all__ = ["WeChat", "WeChatError", "init_app", "current_wechat", "demo_pages"]

log = logging.getLogger(__name__)


def demo_pages(config):
    """The pages our messages and codes open: the fake's mini-program has them all."""
    return (templates.HOME_PAGE, templates.COMPLAINT_PAGE, config["MP_INSTITUTION_PAGE"])


def start_demo_fake(config):
    """Start the fake WeChat server for demo mode, configured like a real account; its URL."""
    from server.emulators.wechat.fake import FakeWeChat

    push_url = f"http://{config['HOST']}:{config['PORT']}/api/mp/v1/wechat/push"
    fake = FakeWeChat(
        config["WECHAT_APPID"],
        config["WECHAT_SECRET"],
        push_url=push_url,
        push_token=config["WECHAT_PUSH_TOKEN"],
        push_mode=config["WECHAT_PUSH_MODE"],
        aes_key=config["WECHAT_PUSH_AES_KEY"],
        templates=templates.registry_entries(config),
        pages=demo_pages(config),
        accept_unseen_codes=True,  # no phone issues codes in demo: any new code is a user
    )
    atexit.register(fake.stop)
    return fake


def init_app(app):
    """Create the app's WeChat client and push reader; demo mode starts the fake first."""
    config = app.config
    api_base = config.get("WECHAT_API_BASE")
    if not api_base and config["DEMO"]:
        fake = start_demo_fake(config)
        api_base = fake.start()
        app.extensions["fake_wechat"] = fake
        log.warning("demo mode: fake WeChat server at %s", api_base)
    app.extensions["wechat"] = WeChat(
        appid=config["WECHAT_APPID"],
        secret=config["WECHAT_SECRET"],
        api_base=api_base or "https://api.weixin.qq.com/",
        timeout=config["WECHAT_TIMEOUT"],
        templates=templates.configured(config),
        env_version=config["WXACODE_ENV_VERSION"],
        check_path=config["WXACODE_CHECK_PATH"],
        slots=config["WECHAT_SLOTS"],
        slot_wait=config["WECHAT_SLOT_WAIT_SECONDS"],
    )
    app.extensions["wechat_push"] = PushReader(
        token=config["WECHAT_PUSH_TOKEN"],
        appid=config["WECHAT_APPID"],
        aes_key=config["WECHAT_PUSH_AES_KEY"],
        mode=config["WECHAT_PUSH_MODE"],
    )


def current_wechat():
    """The WeChat client of the running app."""
    return current_app.extensions["wechat"]
