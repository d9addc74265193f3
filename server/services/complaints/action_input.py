"""What staff send with an action (POST /complaints/{no}/actions), as one toolkit model.

The model checks types and cleans the text (control characters out, newlines kept in the
long fields); each step then applies its own length and store rules (steps.text). The
version is a positive integer that fits what the store keeps.
"""

from typing import Annotated

from pydantic import Field

from models.choices import COMPLAINT_OUTCOMES
from server.services.common.fields import Choice, Form, LongText, Text

# action -> the request fields it reads (besides action and version)
ACTION_FIELDS = {
    "accept": (),
    "accept_assign": ("assignee",),
    "reject": ("reason",),
    "assign": ("assignee",),
    "transfer": ("queue", "reason"),
    "request_info": ("message",),
    "note": ("text",),
    "reply": ("message",),
    "resolve": ("outcome", "message", "measures"),
    "reopen": ("reason",),
    "merge": ("into",),
    "extend": ("reason",),
    "confirm_urgent": (),
}
ACTIONS = tuple(ACTION_FIELDS)
MAX_VERSION = 2**31 - 1
VERSION_REASON = "请提供所查看投诉的版本号 version"


class ActionInput(Form):
    """One staff action on the complaint as seen at `version`, with its own fields."""

    reasons = {
        "action": "未知操作，可选：" + "、".join(ACTIONS),
        "version": VERSION_REASON,
        "outcome": "办理结果只能是 " + "、".join(COMPLAINT_OUTCOMES),
        "assignee": "承办人必须是该投诉所在队列的在岗承办人",
    }

    action: Choice(dict.fromkeys(ACTIONS))
    version: Annotated[int, Field(ge=1, le=MAX_VERSION)]
    reason: LongText(2000) = Field(None, description="reject / transfer / reopen / extend")
    assignee: Text(24) = Field(None, description="assign: 承办人 id")
    queue: Text(40) = Field(None, description="transfer: 队列 key 或 id")
    message: LongText(2000) = Field(None, description="request_info / reply / resolve")
    text: LongText(2000) = Field(None, description="note：内部备注")
    outcome: Choice(COMPLAINT_OUTCOMES) = None
    measures: LongText(2000) = Field(None, description="resolve: 处理措施")
    into: Text(40) = Field(None, description="merge: 目标投诉编号")
