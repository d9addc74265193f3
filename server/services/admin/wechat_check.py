"""`flask check-wechat`: what an operator verifies against the real WeChat account before launch.

Each check answers (ok, what was found): a stable access token can be fetched with the
AppID and secret; every subscribe template we send is one of the account's templates
(`wxaapi/newtmpl/gettemplate`) with exactly the field names we fill; PUBLIC_BASE_URL
serves a signed media link, as WeChat will fetch every photo it checks. Then it lists what
to enter in the mini-program's admin console so that its settings and ours agree.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from server.services.photos import PROBE_ID, MediaLinks
from server.wechat.errors import WeChatError
from server.wechat.templates import configured

FIELD = re.compile(r"\{\{(\w+)\.DATA\}\}")
PUSH_PATH = "/api/mp/v1/wechat/push"
TOKEN_HINTS = {
    40001: "AppSecret 不对：核对 WECHAT_SECRET（开发管理 → 开发设置 → AppSecret）",
    40013: "AppID 不对：核对 WECHAT_APPID",
    40125: "AppSecret 不对：核对 WECHAT_SECRET",
    40164: "本机 IP 不在接口 IP 白名单中：在开发设置 → IP 白名单中加入服务器的出口 IP",
}
MODE_LABELS = {"plaintext": "明文模式", "compatible": "兼容模式", "safe": "安全模式"}


@dataclass(frozen=True)
class Check:
    """One check's outcome."""

    name: str
    ok: bool
    detail: str


def check_token(wechat):
    """A stable access token can be fetched with the configured AppID and secret."""
    try:
        wechat.access_token()
    except WeChatError as exc:
        hint = TOKEN_HINTS.get(exc.errcode, exc.errmsg or "微信未应答")
        return Check("access token", False, f"errcode {exc.errcode}: {hint}")
    return Check("access token", True, "stable_token fetched and cached in MongoDB")


def check_templates(wechat, config):
    """Every template we send is on the account with the field names we fill."""
    try:
        listed = {item.get("priTmplId"): item for item in wechat.account_templates()}
    except WeChatError as exc:
        return [Check("subscribe templates", False, f"gettemplate failed: errcode {exc.errcode}")]
    checks = []
    for template_id, template in configured(config).items():
        name = f"{template.setting}={template_id}"
        item = listed.get(template_id)
        if item is None:
            found = ", ".join(sorted(t for t in listed if t)) or "none"
            detail = f"not among the account's templates ({found}); pick 「{template.title}」"
            checks.append(Check(name, False, detail))
            continue
        theirs, ours = FIELD.findall(item.get("content", "")), [f for f, _ in template.fields]
        if sorted(theirs) != sorted(ours):
            detail = f"fields differ: account has {theirs}, we send {ours}"
            checks.append(Check(name, False, detail))
        else:
            checks.append(Check(name, True, f"「{item.get('title')}」 fields {ours}"))
    return checks


def check_media_link(config, *, timeout=5):
    """PUBLIC_BASE_URL answers a signed media link with a JPEG, as WeChat will fetch it."""
    url = MediaLinks.from_config(config).url_for(PROBE_ID)
    shown = config["PUBLIC_BASE_URL"] + "/api/mp/v1/media/…"
    try:
        response = requests.get(url, timeout=timeout)
    except requests.RequestException as exc:
        return Check("PUBLIC_BASE_URL", False, f"{shown} unreachable: {type(exc).__name__}")
    if response.status_code != 200 or not response.content.startswith(b"\xff\xd8\xff"):
        return Check("PUBLIC_BASE_URL", False, f"{shown} answered HTTP {response.status_code}")
    warning = "" if urlsplit(url).scheme == "https" else " (production needs https)"
    return Check("PUBLIC_BASE_URL", True, f"{shown} served the signed probe{warning}")


def run_checks(wechat, config):
    """Every check, in order."""
    return [check_token(wechat), *check_templates(wechat, config), check_media_link(config)]


def _masked(secret, show):
    """A secret as printed: whole with --show-secrets, else its first and last characters."""
    if not secret:
        return "(not set)"
    return secret if show or len(secret) < 8 else f"{secret[:3]}…{secret[-3:]} (--show-secrets)"


def console_settings(config, *, show_secrets=False):
    """(label, value) pairs to enter in the mini-program's admin console (mp.weixin.qq.com)."""
    base = config["PUBLIC_BASE_URL"]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    mode = config["WECHAT_PUSH_MODE"]
    key = config.get("WECHAT_PUSH_AES_KEY")
    return [
        ("开发设置 → 服务器域名 → request 合法域名", origin),
        ("开发设置 → 服务器域名 → uploadFile 合法域名", origin),
        ("开发设置 → 服务器域名 → downloadFile 合法域名", origin),
        ("开发设置 → 消息推送 → URL(服务器地址)", base + PUSH_PATH),
        ("开发设置 → 消息推送 → Token(令牌)", _masked(config["WECHAT_PUSH_TOKEN"], show_secrets)),
        (
            "开发设置 → 消息推送 → EncodingAESKey",
            _masked(key, show_secrets) if key else "随机生成，填入 WECHAT_PUSH_AES_KEY",
        ),
        ("开发设置 → 消息推送 → 消息加密方式", MODE_LABELS[mode] + f" (WECHAT_PUSH_MODE={mode})"),
        ("开发设置 → 消息推送 → 数据格式", "JSON（XML 也可）"),
        *[
            (f"订阅消息 → 我的模板 → {t.title}", f"{t.setting}={tid}")
            for tid, t in configured(config).items()
        ],
        (
            "小程序码",
            f"WXACODE_CHECK_PATH={str(config['WXACODE_CHECK_PATH']).lower()}, "
            f"WXACODE_ENV_VERSION={config['WXACODE_ENV_VERSION']} "
            "(before launch: false / trial; after: true / release)",
        ),
    ]
