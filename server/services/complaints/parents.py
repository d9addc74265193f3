"""Parents: sign-in through WeChat's code2Session, upserted by openid; the subscribe
messages they accepted. The request bodies are declared once as `Form`s (the Swagger
request models come from them)."""

from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError
from pymongo import ReturnDocument

from models.parent import Parent
from server.clock import utcnow
from server.db import subscriptions
from server.errors import BUSY_MESSAGE, AppError
from server.services.caps import take as take_cap
from server.services.common import Form, Shape, check
from server.wechat.errors import WeChatBusy, WeChatError

INVALID_CODE_ERRCODES = {40029, 40163, 40226, 41008}
TemplateId = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class ParentLogin(Form):
    """POST /auth/login."""

    code: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=256),
        Field(description="wx.login 返回的 code"),
    ]


class SubscriptionsInput(Form):
    """POST /subscriptions: the templates the parent accepted in wx.requestSubscribeMessage."""

    reasons = {"template_ids": "必须是模板 ID 列表（最多 20 个）"}
    template_ids: Annotated[list[TemplateId], Field(max_length=20)]


def login_with_code(code, *, wechat, now=None, address=None, caps=None):
    """The parent behind a wx.login `code`; 400 `invalid_code`, 429 `rate_limited` past the
    sign-ins of `address` this hour, 503 `busy` (no WeChat slot) or `wechat_unavailable`."""
    now = now or utcnow()
    if caps is not None:
        take_cap("sign_ins", address, settings=caps, now=now)
    try:
        code = ParentLogin.model_validate({"code": code}).code
    except ValidationError:
        raise AppError("invalid_code") from None
    try:
        session = wechat.code_to_session(code)
    except WeChatBusy:
        raise AppError("busy", BUSY_MESSAGE) from None
    except WeChatError as exc:
        if exc.errcode in INVALID_CODE_ERRCODES:
            raise AppError("invalid_code") from None
        raise AppError("wechat_unavailable") from None
    # One atomic upsert: two logins racing for a new parent still make one document.
    doc = Parent._get_collection().find_one_and_update(
        {"openid": session["openid"]},
        {
            "$set": {
                "session_key": session.get("session_key"),
                "last_login_at": now,
                "updated_at": now,
            },
            "$setOnInsert": {"created_at": now, "subscriptions": []},
        },
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )
    return Parent._from_son(doc)


def record_subscriptions(parent, template_ids):
    """Count one more accepted subscribe message per template (each lets us send one)."""
    template_ids = check(SubscriptionsInput, {"template_ids": template_ids}).template_ids
    now = utcnow()
    for template_id in dict.fromkeys(template_ids):
        subscriptions.add(parent.id, template_id, now)


class ParentToken(Shape):
    """A signed-in parent's bearer token and its lifetime in seconds."""

    token: str
    expires_in: int
