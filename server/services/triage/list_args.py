"""The staff work list's query arguments, read once into the typed keywords the list takes.

Both the staff API and the console pass their query string through `list_args`; the
services below never see request arguments. Every argument is optional; a bad one is a
validation error naming it. Dates are Shanghai calendar dates (what a clerk types), turned
into the UTC instants that bound `created_at`.
"""

import re
from datetime import date, datetime, time, timedelta

from bson import ObjectId

from models.choices import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES
from models.complaint import OPEN_STATUSES
from models.queue import Queue
from models.staff import Staff
from server.clock import SHANGHAI
from server.errors import validation_error

BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
# Status groups a list may ask for by one name, besides each single status.
STATUS_GROUPS = {"open": OPEN_STATUSES}
# sort name -> column; "-name" sorts descending. "due" (the default) is overdue, urgent, due.
SORTS = ("due", "news", "no", "status", "category", "created", "assignee")
TEXT_LIMIT = 50


def _flag(args, name):
    raw = (args.get(name) or "").strip().lower()
    if not raw:
        return None
    if raw not in BOOLEANS:
        raise validation_error({name: "只能是 true 或 false"})
    return BOOLEANS[raw]


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


def list_args(args, *, me=None):
    """The list's keywords from query arguments: the query filters, the clock filters, sort."""

    def text(name):
        return (args.get(name) or "").strip()

    filters = {}
    readers = {
        "queue": ("queue", _queue),
        "status": ("statuses", _statuses),
        "assignee": ("assignee", lambda raw: _assignee(raw, me)),
        "institution_id": ("institution", _institution),
        "category": ("category", _category),
        "district": ("district", lambda raw: raw[:TEXT_LIMIT]),
        "q": ("text", lambda raw: raw[:TEXT_LIMIT]),
    }
    for arg, (keyword, read) in readers.items():
        if text(arg):
            filters[keyword] = read(text(arg))
    if text("from"):
        filters["submitted_from"] = shanghai_midnight(_day(text("from"), "from"))
    if text("to"):
        filters["submitted_before"] = shanghai_midnight(_day(text("to"), "to") + timedelta(days=1))
    if _flag(args, "news") is not None:
        filters["has_news"] = _flag(args, "news")
    return {
        "filters": filters,
        "overdue": _flag(args, "overdue"),
        "due_soon": _flag(args, "due_soon"),
        "sort": _sort(text("sort")) if text("sort") else "due",
    }
