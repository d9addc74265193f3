"""The subscribe templates a parent may accept: the ones we send, from our template table.

The mini-program asks for them with `wx.requestSubscribeMessage`, so `/meta` lists their
WeChat ids, what each notifies and the page it opens; `POST /subscriptions` takes only
these ids (an id we never send would only be counted, never spent).
"""

from server.errors import validation_error
from server.services.common import Shape, described
from server.wechat.templates import configured


class SubscribeTemplate(Shape):
    """A subscribe message the mini-program may ask the parent to accept."""

    id: str
    notifies: str
    page: described(str, "通知打开的小程序页面")


def subscribe_templates(config):
    """[{"id", "notifies", "page"}] of the templates this deployment sends."""
    return SubscribeTemplate.answers(
        {"id": template_id, "notifies": template.notifies, "page": template.page}
        for template_id, template in configured(config).items()
    )


def check_template_ids(template_ids, config):
    """400 naming `template_ids` when one of them is not a template we use."""
    known = configured(config)
    if isinstance(template_ids, list):
        unknown = [t for t in template_ids if isinstance(t, str) and t not in known]
        if unknown:
            raise validation_error(
                {"template_ids": "包含本系统不使用的订阅消息模板：" + "、".join(unknown[:5])[:200]}
            )
