"""The audit trail in staff language: names instead of usernames, queue names instead of
keys, photos as thumbnails instead of ids, dates as Shanghai time, clean punctuation.

It reads the staff detail (`staff_views.detail`) and looks up, in one query each, the
accounts and queues the trail mentions. The stored trail is unchanged (the API keeps its
usernames and keys); this is only how the console shows it.
"""

from models.choices import (
    COMPLAINT_ACTIONS,
    COMPLAINT_OUTCOMES,
    COMPLAINT_STATUSES,
    RATING_SCORES,
    label,
)
from models.queue import Queue
from models.staff import Staff
from server.clock import SHANGHAI, parse_iso

ACTORS = {"parent": "家长", "system": "系统"}
# detail key -> its label; (action, key) overrides where one key means different things
KEY_LABELS = {
    "reason": "理由",
    "message": "内容",
    "text": "内容",
    "assignee": "承办人",
    "from_queue": "原队列",
    "to_queue": "转至",
    "queue": "队列",
    "outcome": "结果",
    "measures": "措施",
    "into": "并入",
    "target": "目标投诉",
    "rule_name": "路由规则",
    "urgent": "紧急",
    "needs_manual_review": "需人工审核",
    "resolve_due_at": "办结期限",
    "score": "评价",
    "comment": "意见",
    "deadline": "期限",
    "due_at": "期限",
    "photos_removed": "删除照片",
}
ACTION_KEY_LABELS = {
    ("merged_in", "from"): "重复投诉",
    ("extend", "from"): "原期限",
    ("extend", "to"): "新期限",
}
HIDDEN_KEYS = {"assignee_id", "rule", "photos", "previous"}
VALUE_TABLES = {
    "outcome": COMPLAINT_OUTCOMES,
    "score": RATING_SCORES,
    "to_status": COMPLAINT_STATUSES,
    "deadline": {"accept": "受理期限", "resolve": "办结期限"},
    "reason": {"rating_window_passed": "家长评价期已过，自动归档"},
}
QUEUE_KEYS = {"queue", "from_queue", "to_queue"}
END_MARKS = "。；，、,;. "


def _time_text(value):
    moment = parse_iso(value) if isinstance(value, str) and "T" in value else None
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if moment else None


def _value_text(key, value, names):
    if value is True:
        return "是"
    if key in QUEUE_KEYS:
        return names["queues"].get(value, "已停用的队列")
    if key == "assignee":
        return names["staff"].get(value, value)
    if key in VALUE_TABLES:
        return label(VALUE_TABLES[key], value)
    return _time_text(value) or str(value).strip().rstrip(END_MARKS)


def _parts(entry, names):
    """[(label, text)] of an entry's detail, without internal keys and empty values."""
    parts = []
    for key, value in (entry.get("detail") or {}).items():
        if key in HIDDEN_KEYS or value in (None, False, "", [], {}):
            continue
        name = ACTION_KEY_LABELS.get((entry["action"], key)) or KEY_LABELS.get(key, key)
        parts.append((name, _value_text(key, value, names)))
    return parts


def _names(detail):
    """{"staff": username -> name, "queues": key -> name} for what the trail mentions."""
    entries = detail.get("audit") or []
    usernames = {e.get("by") for e in entries} | {n.get("by") for n in detail.get("notes") or []}
    usernames |= {(e.get("detail") or {}).get("assignee") for e in entries}
    usernames = {u for u in usernames if isinstance(u, str) and u not in ACTORS}
    keys = {
        value
        for e in entries
        for k, value in (e.get("detail") or {}).items()
        if k in QUEUE_KEYS and isinstance(value, str)
    }
    staff = Staff.objects(username__in=list(usernames)).only("username", "name")
    queues = Queue.objects(key__in=list(keys)).only("key", "name")
    return {
        "staff": {s.username: s.name or s.username for s in staff},
        "queues": {q.key: q.name for q in queues},
    }


def _photos(detail):
    """photo id -> its staff reference, from the complaint's and supplements' photos."""
    photos = list(detail.get("photos") or [])
    for supplement in detail.get("supplements") or []:
        photos += supplement.get("photos") or []
    return {p["id"]: p for p in photos}


def actor_name(by, names):
    """Who took a step, as staff call them."""
    if not by:
        return "—"
    return ACTORS.get(by) or names["staff"].get(by, by)


def readable_audit(detail):
    """The trail as rows {"at", "by", "action", "change", "parts", "photos"}, and notes'
    authors by name: {"audit": [...], "note_authors": {username: name}}."""
    names, photos = _names(detail), _photos(detail)
    rows = []
    for entry in detail.get("audit") or []:
        before, after = entry.get("from"), entry.get("to")
        change = None
        if after and before != after:
            change = (
                label(COMPLAINT_STATUSES, before) if before else None,
                label(COMPLAINT_STATUSES, after),
            )
        shown = [photos[i] for i in (entry.get("detail") or {}).get("photos") or [] if i in photos]
        rows.append(
            {
                "at": entry.get("at"),
                "by": actor_name(entry.get("by"), names),
                "action": label(COMPLAINT_ACTIONS, entry["action"]),
                "change": change,
                "parts": _parts(entry, names),
                "photos": shown,
            }
        )
    return {"audit": rows, "note_authors": names["staff"]}
