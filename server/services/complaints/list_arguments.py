"""The staff work list's query arguments, read once into the typed keywords the list takes.

Both the staff API and the console pass their query string through `list_args`; the
services below never see request arguments. Every argument is optional; a bad one is a
validation error naming it. Dates are Shanghai calendar dates (what a clerk types), turned
into the UTC instants that bound `created_at`.
"""

import re
from datetime import date, datetime, time, timedelta

from bson import ObjectId
from pydantic import Field

from models.choices import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES
from models.complaint import OPEN_STATUSES
from models.queue import Queue
from models.staff import Staff
from server.clock import SHANGHAI
from server.errors import validation_error
from server.services.common import Flag, PageArgs, Text, parse

# Status groups a list may ask for by one name, besides each single status.
STATUS_GROUPS = {"open": OPEN_STATUSES}
# sort name -> column; "-name" sorts descending. "due" (the default) is overdue, urgent, due.
SORTS = ("due", "news", "no", "status", "category", "created", "assignee")
TEXT_LIMIT = 50


def _queue(raw):
    query = {"id": raw} if re.fullmatch(r"[0-9a-f]{24}", raw) else {"key": raw}
    queue = Queue.objects(**query).first()
    if queue is None:
        raise validation_error({"queue": "未知的队列"})
    return queue.pk


def _statuses(raw):
    statuses = []
    for part in (s.strip() for s in raw.split(",")):
        if part in STATUS_GROUPS:
            statuses += STATUS_GROUPS[part]
        elif part in COMPLAINT_STATUSES:
            statuses.append(part)
        elif part:
            raise validation_error({"status": "未知的状态"})
    if not statuses:
        raise validation_error({"status": "未知的状态"})
    return tuple(dict.fromkeys(statuses))


def _assignee(raw, me):
    """A staff member by username (`me`: the caller); ids are accepted from API clients."""
    if raw == "me" and me is not None:
        return me.pk
    query = {"id": raw} if ObjectId.is_valid(raw) else {"username": raw[:64]}
    found = Staff.objects(**query).only("id").first()
    if found is None:
        raise validation_error({"assignee": "未知的承办人"})
    return found.pk


def _category(raw):
    if raw not in COMPLAINT_CATEGORIES:
        raise validation_error({"category": "未知的类别"})
    return raw


def _institution(raw):
    if not ObjectId.is_valid(raw):
        raise validation_error({"institution_id": "机构编号格式不正确"})
    return ObjectId(raw)


YEARS = range(2000, 2200)  # complaints exist only in these; beyond is a typing slip


def _day(raw, name):
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise validation_error({name: "日期格式应为 YYYY-MM-DD"}) from None
    if day.year not in YEARS:
        raise validation_error({name: "日期超出范围"})
    return day


def shanghai_midnight(day):
    """The instant (aware) a Shanghai calendar day begins."""
    return datetime.combine(day, time(0), tzinfo=SHANGHAI)


def _sort(raw):
    if raw.lstrip("-") not in SORTS:
        raise validation_error({"sort": "可选排序：" + "、".join(SORTS)})
    return raw


class ComplaintListArgs(PageArgs):
    """The work list's query string, as the staff API documents it and both HTTP layers read."""

    reasons = {name: "只能是 true 或 false" for name in ("overdue", "due_soon", "news")}
    queue: Text(40) | None = Field(None, description="队列 key 或 id")
    status: Text(200) | None = Field(None, description="状态（可逗号分隔；open：未办结的）")
    assignee: Text(64) | None = Field(None, description="承办人用户名或 id（me：本人）")
    category: Text(40) | None = Field(None, description="投诉类别")
    district: Text(TEXT_LIMIT) | None = Field(None, description="乡镇/街道")
    institution_id: Text(40) | None = Field(None, description="机构 id")
    submitted_from: Text(10) | None = Field(
        None, alias="from", description="提交日期起（YYYY-MM-DD，上海时间）"
    )
    submitted_to: Text(10) | None = Field(None, alias="to", description="提交日期止（含当日）")
    overdue: Flag = Field(None, description="true/false：逾期")
    due_soon: Flag = Field(None, description="true/false：临期")
    news: Flag = Field(None, description="true/false：家长有新消息")
    sort: Text(20) | None = Field(
        None, description="due/news/no/status/category/created/assignee，前加 - 倒序"
    )
    q: Text(100) | None = Field(None, description="投诉编号（前缀，至少到日期）或机构名称")


def list_args(args, *, me=None):
    """The list's keywords from query arguments: the query filters, the clock filters, sort."""
    found = parse(ComplaintListArgs, args)
    filters = {}
    readers = {
        "queue": ("queue", _queue),
        "status": ("statuses", _statuses),
        "assignee": ("assignee", lambda raw: _assignee(raw, me)),
        "institution_id": ("institution", _institution),
        "category": ("category", _category),
        "district": ("district", str),
        "q": ("text", lambda raw: raw[:TEXT_LIMIT]),
    }
    for arg, (keyword, read) in readers.items():
        raw = (getattr(found, arg) or "").strip()
        if raw:
            filters[keyword] = read(raw)
    if found.submitted_from:
        filters["submitted_from"] = shanghai_midnight(_day(found.submitted_from, "from"))
    if found.submitted_to:
        day = _day(found.submitted_to, "to")
        filters["submitted_before"] = shanghai_midnight(day + timedelta(days=1))
    if found.news is not None:
        filters["has_news"] = found.news
    return {
        "filters": filters,
        "overdue": found.overdue,
        "due_soon": found.due_soon,
        "sort": _sort(found.sort.strip()) if found.sort else "due",
    }
