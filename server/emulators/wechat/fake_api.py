"""The endpoints of the fake WeChat server, answering as api.weixin.qq.com does.

Each endpoint takes (fake, query params, JSON body) and returns (HTTP status, content type,
bytes). Errors are JSON `{"errcode", "errmsg"}` with HTTP 200, as WeChat sends them. State
lives in `FakeWeChat`; this module holds the rules and WeChat's codes and messages.
"""

import base64
import json
import secrets
import string

from server.emulators.wechat.fake_png import wxa_code_image
from server.emulators.wechat.fake_registry import STATES, VERSIONS

ERRMSG = {
    -1: "system error",
    0: "ok",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40013: "invalid appid",
    40014: "invalid access_token",
    40029: "invalid code",
    40037: "invalid template id",
    40163: "code been used",
    41001: "access_token missing",
    42001: "access_token expired",
    40125: "invalid appsecret",
    40169: "invalid length for scene, or the data is not json",
    41008: "missing code",
    41030: "invalid page",
    43101: "user refuse to accept the msg",
    45009: "reach max api daily quota limit",
    45011: "api minute-quota reach limit  mustslower  retry next minute",
    47001: "data format error",
    47003: "argument invalid!",
    61010: "user access record timeout",
}
# Paths answered without an access token.
TOKEN_FREE = {"cgi-bin/token", "cgi-bin/stable_token", "sns/jscode2session"}
# msgSecCheck / mediaCheckAsync v2: suggest -> label (100 normal, 20001 时政, 21000 其他).
LABELS = {"pass": 100, "review": 21000, "risky": 20001}
SCENE_CHARS = frozenset(string.ascii_letters + string.digits + "!#$&'()*+,/:;=?@-._~")
JSON_TYPE = "application/json; encoding=utf-8"


def json_reply(body, status=200):
    """Return a JSON answer."""
    return status, JSON_TYPE, json.dumps(body, ensure_ascii=False).encode("utf-8")


def wechat_error(errcode, errmsg=None, *, status=200, **fields):
    """Return WeChat's `{"errcode", "errmsg", ...}` answer (errcode 0 means ok)."""
    body = {"errcode": errcode, "errmsg": errmsg or ERRMSG.get(errcode, "system error")}
    return json_reply({**body, **fields}, status)


def token(fake, params, body):
    """cgi-bin/token: a new token; the previous one stays valid for 5 minutes."""
    refusal = _app_refusal(fake, params, "client_credential")
    if refusal:
        return refusal
    access_token, expires_in = fake.tokens.plain()
    fake.count_fetch()
    return json_reply({"access_token": access_token, "expires_in": expires_in})


def stable_token(fake, params, body):
    """cgi-bin/stable_token (POST JSON): the current token, or a forced new one."""
    body = body if isinstance(body, dict) else {}
    refusal = _app_refusal(fake, body, "client_credential")
    if refusal:
        return refusal
    force = body.get("force_refresh", False)
    if not isinstance(force, bool):
        return wechat_error(47001)
    access_token, expires_in = fake.tokens.stable(force=force)
    fake.count_fetch()
    return json_reply({"access_token": access_token, "expires_in": expires_in})


def code_to_session(fake, params, body):
    """sns/jscode2session: the openid a wx.login code stands for, and a session key."""
    refusal = _app_refusal(fake, params, "authorization_code")
    if refusal:
        return refusal
    code = params.get("js_code", "")
    if not code:
        return wechat_error(41008)
    user, errcode = fake.codes.redeem(code)
    if errcode:
        return wechat_error(errcode)
    session_key = base64.b64encode(secrets.token_bytes(16)).decode()
    unionid = fake.openid_for("unionid:" + user)
    return json_reply(
        {"openid": fake.openid_for(user), "session_key": session_key, "unionid": unionid}
    )


def msg_sec_check(fake, params, body):
    """wxa/msg_sec_check: version 2 only; the old `{"content"}` body is refused."""
    if not _is_v2(body) or not isinstance(body.get("content"), str):
        return wechat_error(47001)
    if fake.stale():
        return wechat_error(61010)
    suggest, keyword = fake.verdict("text", body["content"])
    label = LABELS[suggest]
    detail = [_model_detail(suggest)]
    if keyword is not None:
        detail.append(
            {
                "strategy": "keyword",
                "errcode": 0,
                "suggest": suggest,
                "label": label,
                "level": 20,
                "keyword": keyword,
            }
        )
    result = {"suggest": suggest, "label": label}
    return wechat_error(0, trace_id=_trace_id(), result=result, detail=detail)


def media_check_async(fake, params, body):
    """wxa/media_check_async: version 2 only; the verdict is pushed later."""
    if not _is_v2(body) or not body.get("media_url") or body.get("media_type") not in (1, 2):
        return wechat_error(47001)
    if fake.stale():
        return wechat_error(61010)
    trace_id = _trace_id()
    suggest, _ = fake.verdict("media", body["media_url"])
    fake.accept_media(body, trace_id, suggest)
    return wechat_error(0, trace_id=trace_id)


def send_subscribe_message(fake, params, body):
    """cgi-bin/message/subscribe/send: the template's fields and rules, the page, the user."""
    if not isinstance(body, dict) or not all(body.get(k) for k in ("touser", "template_id")):
        return wechat_error(47003)
    problem = fake.registry.data_error(body["template_id"], body.get("data"))
    if problem:
        return wechat_error(*problem)
    version = STATES.get(body.get("miniprogram_state", "formal"))
    if version is None:
        return wechat_error(47003, "argument invalid! miniprogram_state")
    page = body.get("page")
    if page is not None and (
        not isinstance(page, str) or not fake.registry.has_page(page, version)
    ):
        return wechat_error(41030)
    refusal = fake.accept_message(body)
    if refusal:
        return wechat_error(refusal)
    return wechat_error(0, msgid=secrets.randbits(62))


def get_templates(fake, params, body):
    """wxaapi/newtmpl/gettemplate: the account's subscribe templates."""
    return wechat_error(0, data=fake.registry.templates())


def wxa_code_unlimited(fake, params, body):
    """wxa/getwxacodeunlimit: JPEG bytes (PNG when transparent); JSON 40169 / 41030 / 47001."""
    if not isinstance(body, dict):
        return wechat_error(47001)
    scene = body.get("scene")
    if not isinstance(scene, str) or not 0 < len(scene) <= 32 or set(scene) - SCENE_CHARS:
        return wechat_error(40169)
    check_path, version = body.get("check_path", True), body.get("env_version", "release")
    if not isinstance(check_path, bool) or version not in VERSIONS:
        return wechat_error(47001)
    page = body.get("page")
    if page is not None:
        if not isinstance(page, str) or page.startswith("/") or "?" in page or not page:
            return wechat_error(41030)
        if check_path and not fake.registry.has_page(page, version):
            return wechat_error(41030)
    try:
        width = min(max(int(body.get("width", 430)), 280), 1280)
        color = body.get("line_color") or {}
        rgb = tuple(min(max(int(color.get(c, 0)), 0), 255) for c in "rgb")
    except (TypeError, ValueError, AttributeError):
        return wechat_error(47001)
    hyaline = bool(body.get("is_hyaline"))
    image = wxa_code_image(scene, width, line_color=rgb, hyaline=hyaline)
    return 200, "image/png" if hyaline else "image/jpeg", image


ROUTES = {
    ("GET", "cgi-bin/token"): token,
    ("POST", "cgi-bin/stable_token"): stable_token,
    ("GET", "wxaapi/newtmpl/gettemplate"): get_templates,
    ("GET", "sns/jscode2session"): code_to_session,
    ("POST", "wxa/msg_sec_check"): msg_sec_check,
    ("POST", "wxa/media_check_async"): media_check_async,
    ("POST", "cgi-bin/message/subscribe/send"): send_subscribe_message,
    ("POST", "wxa/getwxacodeunlimit"): wxa_code_unlimited,
}


def _app_refusal(fake, params, grant_type):
    """Check grant_type, appid and secret as WeChat does; None when they are right."""
    if params.get("grant_type") != grant_type:
        return wechat_error(40002)
    if params.get("appid") != fake.appid:
        return wechat_error(40013)
    if params.get("secret") != fake.secret:
        # The token endpoints say 40001 ("AppSecret wrong"), code2Session says 40125.
        return wechat_error(40125 if grant_type == "authorization_code" else 40001)
    return None


def _is_v2(body):
    """Whether body carries the version-2 fields every v2 security check needs."""
    return (
        isinstance(body, dict)
        and body.get("version") == 2
        and isinstance(body.get("openid"), str)
        and bool(body["openid"])
        and body.get("scene") in (1, 2, 3, 4)
    )


def _model_detail(suggest):
    """The content-model line of a verdict's detail list."""
    return {
        "strategy": "content_model",
        "errcode": 0,
        "suggest": suggest,
        "label": LABELS[suggest],
        "prob": 0 if suggest == "pass" else 90,
    }


def _trace_id():
    """A WeChat-shaped trace id, e.g. "60ae120f-371d5872-7941a05b"."""
    return "-".join(secrets.token_hex(4) for _ in range(3))
