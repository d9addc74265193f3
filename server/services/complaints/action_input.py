"""What staff send with an action (POST /complaints/{no}/actions): described ONCE, here.

`ACTION_FIELDS` says, per action, which fields it reads, how long each may be and which
must be given. Everything else is derived from it: the workflow's check of missing fields,
each step's text rules (steps.text), the console's form, and the toolkit model
`ActionInput` (types, cleaning, and for each field the longest any action allows, as the
Swagger spec shows it). The version is a positive integer that fits what the store keeps.
"""

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from models.choices import COMPLAINT_OUTCOMES
from server.services.common import Choice, Form, LongText, Text


@dataclass(frozen=True)
class ActionField:
    """One field an action reads: its name, its longest length, whether it must be given."""

    name: str
    limit: int | None = None  # None: not free text (a choice)
    required: bool = True


ASSIGNEE = ActionField("assignee", 24)  # a staff id
REASON = ActionField("reason", 500)

# action -> the request fields it reads (besides action and version)
ACTION_FIELDS = {
    "accept": (),
    "accept_assign": (ASSIGNEE,),
    "reject": (REASON,),
    "assign": (ASSIGNEE,),
    "transfer": (ActionField("queue", 40), REASON),
    "request_info": (ActionField("message", 500),),
    "note": (ActionField("text", 2000),),
    "reply": (ActionField("message", 1000),),
    "resolve": (
        ActionField("outcome"),
        ActionField("message", 1000),
        ActionField("measures", 1000, required=False),
    ),
    "reopen": (REASON,),
    "merge": (ActionField("into", 40),),
    "extend": (REASON,),
    "confirm_urgent": (),
}
ACTIONS = tuple(ACTION_FIELDS)
MAX_VERSION = 2**31 - 1
VERSION_REASON = "请提供所查看投诉的版本号 version"


def field_names(action):
    """The names of the fields `action` reads (none for an unknown action)."""
    return tuple(spec.name for spec in ACTION_FIELDS.get(action, ()))


def field_of(action, name):
    """How `action` reads field `name` (its limit, whether it is required)."""
    return next(spec for spec in ACTION_FIELDS[action] if spec.name == name)


def required_fields(action):
    """The fields `action` cannot do without."""
    return tuple(spec.name for spec in ACTION_FIELDS[action] if spec.required)


def _longest(name):
    return max(s.limit for specs in ACTION_FIELDS.values() for s in specs if s.name == name)


def _described(name):
    actions = [a for a, specs in ACTION_FIELDS.items() if any(s.name == name for s in specs)]
    limits = sorted({field_of(a, name).limit for a in actions})
    return " / ".join(actions) + "：最多 " + " 或 ".join(map(str, limits)) + " 字"


def _text(name, kind=LongText):
    return Annotated[kind(_longest(name)), Field(description=_described(name))]


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
    reason: _text("reason") = None
    assignee: _text("assignee", Text) = None
    queue: _text("queue", Text) = None
    message: _text("message") = None
    text: _text("text") = None
    outcome: Choice(COMPLAINT_OUTCOMES) = None
    measures: _text("measures") = None
    into: _text("into", Text) = None
