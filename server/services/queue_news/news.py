"""Recording queue news: one staff message per channel the queue has, each at most once.

What a message says is fixed here: the event, the tracking number, the category, the
institution and (for deadlines) the time; never a phone number, a name or anything a
parent wrote, since a group chat and a mailbox are read by more people than the console.
"""

import logging

from mongoengine import NotUniqueError

from models.choices import COMPLAINT_CATEGORIES, label
from models.queue_news import StaffMessage
from server.clock import SHANGHAI, as_utc
from server.services.queue_news.channels import targets

log = logging.getLogger(__name__)

EVENTS = {
    "new": "新投诉",
    "supplement": "家长补充了材料",
    "dissatisfied": "家长不满意，投诉已重新打开",
    "reminder": "即将到期",
    "overdue": "已超期",
    "warning": "风险预警",
}
NAME_LIMIT = 60


def _when(moment):
    return as_utc(moment).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if moment else None


def compose(event, *, no, category, institution, due_at=None, rule=None):
    """(subject, markdown text) of one piece of news."""
    title = EVENTS[event]
    name = (institution or "未注明机构")[:NAME_LIMIT]
    lines = [f"**{title}** {no or ''}".rstrip()]
    if rule:
        lines.append(f"> 预警规则：{rule}")
    if category:
        lines.append(f"> 类别：{label(COMPLAINT_CATEGORIES, category)}")
    lines.append(f"> 机构：{name}")
    if due_at:
        lines.append(f"> 办理期限：{_when(due_at)}")
    lines.append("请登录监管平台查看处理。")
    subject = f"[双减投诉] {title} {no or name}".rstrip()
    return subject, "\n".join(lines)


def record_news(event, *, queue, key, now, no=None, category=None, institution=None, **more):
    """Queue one message per channel of `queue` for this event; `key` makes it unique
    (the same key recorded again adds nothing). Returns how many were added."""
    webhook, emails = targets(queue)
    channels = [c for c, on in (("wecom", webhook), ("email", emails)) if on]
    subject, text = compose(event, no=no, category=category, institution=institution, **more)
    added = 0
    for channel in channels:
        message = StaffMessage(
            dedupe=f"{event}:{key}:{channel}",
            queue=queue,
            channel=channel,
            event=event,
            subject=subject,
            text=text,
            next_attempt_at=now,
            created_at=now,
        )
        try:
            message.save(force_insert=True)
            added += 1
        except NotUniqueError:
            continue  # recorded before: never twice
    if added:
        log.info("queue news %s %s: %d message(s)", event, key, added)
    return added
