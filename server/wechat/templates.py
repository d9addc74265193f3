"""The subscribe-message templates we use: one table of their fields and WeChat's value rules.

A subscribe message (订阅消息) names a template the mini-program's account picked from
WeChat's public library; each field's key says its kind (`thing3` is a `thing`), and WeChat
refuses a value that breaks the kind's rule (47003). `check_data` applies those rules
before we call WeChat, so a message that could never be sent fails here, recorded, and the
operator's `check-wechat` compares this table with the account's templates.
"""

import re
from dataclasses import dataclass

from server.wechat.errors import WeChatError

# The pages our messages and codes open, as the mini-program's app.json lists them.
COMPLAINT_PAGE = "pages/complaint/detail"
HOME_PAGE = "pages/index/index"

_TIME = r"(\d{4}年\d{1,2}月\d{1,2}日 ?|\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}(:\d{2})?"
# kind -> (rule text for people, predicate), from WeChat's subscribeMessage.send documentation.
FIELD_RULES = {
    "thing": ("20 个以内字符", lambda v: 0 < len(v) <= 20 and "\n" not in v),
    "character_string": (
        "32 位以内数字、字母或符号",
        lambda v: 0 < len(v) <= 32 and v.isascii() and v.isprintable(),
    ),
    "phrase": ("5 个以内汉字", lambda v: re.fullmatch(r"[\u4e00-\u9fff]{1,5}", v) is not None),
    "time": (
        "24 小时制时间，可带年月日，如 2019-10-01 15:01",
        lambda v: re.fullmatch(f"{_TIME}(~{_TIME})?", v) is not None,
    ),
}


@dataclass(frozen=True)
class SubscribeTemplate:
    """One template we send: our key, the setting holding WeChat's id, fields and page."""

    key: str
    setting: str
    title: str  # its title in WeChat's public template library, for the operator
    notifies: str  # what it tells the parent (shown in /meta)
    page: str
    fields: tuple  # ((key, label), ...) in the order WeChat shows them

    def kinds(self):
        """{field key: kind}, the kind being the key without its number (`thing3` -> thing)."""
        return {name: field_kind(name) for name, _ in self.fields}


TEMPLATES = {
    "status": SubscribeTemplate(
        key="status",
        setting="WECHAT_TEMPLATE_STATUS",
        title="投诉处理进度通知",
        notifies="投诉办理进度：受理、补充材料、办结等状态变化",
        page=COMPLAINT_PAGE,
        fields=(
            ("character_string1", "投诉编号"),
            ("phrase2", "办理状态"),
            ("thing3", "办理说明"),
            ("time4", "更新时间"),
        ),
    ),
}


def field_kind(name):
    """The kind of a template field key: `character_string1` -> `character_string`."""
    return name.rstrip("0123456789")


def configured(config):
    """{WeChat template id: SubscribeTemplate} for the ids an app is configured with."""
    return {config[t.setting]: t for t in TEMPLATES.values() if config.get(t.setting)}


def data_problems(template, data):
    """What is wrong with a message's `data` for `template`: {field: reason}, empty if fine."""
    if not isinstance(data, dict):
        return {"data": "必须是对象"}
    problems = {}
    for name, kind in template.kinds().items():
        item = data.get(name)
        value = item.get("value") if isinstance(item, dict) else None
        rule, fits = FIELD_RULES[kind]
        if not isinstance(value, str) or not fits(value):
            problems[name] = rule
    for name in set(data) - set(template.kinds()):
        problems[name] = "模板中没有该字段"
    return problems


def check_data(template, data):
    """Raise WeChatError 47003 (as WeChat would) when `data` breaks the template's rules."""
    problems = data_problems(template, data)
    if problems:
        detail = "; ".join(f"data.{name}: {rule}" for name, rule in sorted(problems.items()))
        raise WeChatError(47003, f"refused before sending ({template.key}): {detail}")


def content(template):
    """The template's content as gettemplate lists it ("投诉编号:{{character_string1.DATA}}")."""
    return "\n".join(f"{label}:{{{{{name}.DATA}}}}" for name, label in template.fields)


def registry_entries(config):
    """{id: (title, content)} of the configured templates, for the fake WeChat's account."""
    return {tid: (t.title, content(t)) for tid, t in configured(config).items()}
