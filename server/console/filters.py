"""Template filters: Shanghai times, Chinese labels, a dash for anything missing."""

from datetime import datetime

from flask import g

from models import choices
from server.clock import SHANGHAI, as_utc, parse_iso
from server.console import csrf
from server.services.admin import display_name

DASH = "—"

LABEL_TABLES = {
    "status": choices.COMPLAINT_STATUSES,
    "category": choices.COMPLAINT_CATEGORIES,
    "role": choices.STAFF_ROLES,
    "inst_status": choices.INSTITUTION_STATUSES,
    "inst_kind": choices.INSTITUTION_KINDS,
    "inst_category": choices.INSTITUTION_CATEGORIES,
    "inst_nature": choices.INSTITUTION_NATURES,
    "inst_mode": choices.INSTITUTION_MODES,
    "moderation": choices.PHOTO_MODERATION,
    "score": choices.RATING_SCORES,
    "outcome": choices.COMPLAINT_OUTCOMES,
    "action": choices.COMPLAINT_ACTIONS,
}


def _as_datetime(value):
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, str):
        return parse_iso(value)
    return None


def datetime_text(value, fmt="%Y-%m-%d %H:%M"):
    """A stored or ISO time as Shanghai wall time; a dash when missing, the text as it is
    when it cannot be read as a time (stored text is shown, never trusted to parse)."""
    try:
        moment = _as_datetime(value)
        if moment is not None:
            return moment.astimezone(SHANGHAI).strftime(fmt)
    except (ValueError, OverflowError):
        pass
    return DASH if value in (None, "") or not isinstance(value, str) else value


def date_text(value):
    """A time as a Shanghai date."""
    return datetime_text(value, "%Y-%m-%d")


def dash(value):
    """The value, or a dash when it is None, empty or undefined (numbers, 0 too, are kept)."""
    if isinstance(value, int | float):
        return value
    return value if value else DASH


def label_text(code, table):
    """The Chinese label of a code in one of LABEL_TABLES; a dash for none."""
    if not code:
        return DASH
    return choices.label(LABEL_TABLES.get(table, {}), code)


# Audit detail keys as the audit table shows them; unknown keys are shown as they are.
DETAIL_KEYS = {
    "reason": "理由",
    "message": "内容",
    "text": "备注",
    "assignee": "承办人",
    "from_queue": "原队列",
    "to_queue": "转至",
    "outcome": "结果",
    "measures": "措施",
    "into": "并入",
    "from": "从",
    "to": "至",
    "target": "目标投诉",
    "queue": "队列",
    "rule_name": "路由规则",
    "urgent": "紧急",
    "needs_manual_review": "需人工审核",
    "to_status": "状态",
    "resolve_due_at": "办结期限",
    "score": "评价",
    "comment": "意见",
}
HIDDEN_DETAIL_KEYS = {"assignee_id", "rule"}
# Detail values that are codes, shown by their label.
DETAIL_VALUE_TABLES = {
    "outcome": choices.COMPLAINT_OUTCOMES,
    "score": choices.RATING_SCORES,
    "to_status": choices.COMPLAINT_STATUSES,
}
ACTORS = {"parent": "家长", "system": "系统"}


def detail_text(detail):
    """An audit entry's detail dict as one readable line ("理由：…；内容：…")."""
    if not isinstance(detail, dict) or not detail:
        return DASH
    parts = []
    for key, value in detail.items():
        if key in HIDDEN_DETAIL_KEYS or value is None or value is False or value in ("", [], {}):
            continue
        if value is True:
            value = "是"
        elif key in DETAIL_VALUE_TABLES and isinstance(value, str):
            value = choices.label(DETAIL_VALUE_TABLES[key], value)
        if isinstance(value, str) and parse_iso(value) and "T" in value:
            value = datetime_text(value)
        parts.append(f"{DETAIL_KEYS.get(key, key)}：{value}")
    return "；".join(parts) or DASH


def actor_text(by):
    """Who took a step: a staff username as is, the parent and the system in Chinese."""
    return ACTORS.get(by, by) if by else DASH


def staff_name(username):
    """A staff username as the account's name (looked up once per request)."""
    if not username:
        return ""
    names = g.setdefault("staff_names", {})
    if username not in names:
        names[username] = display_name(username)
    return names[username]


def init_app(app):
    """Register the filters on the app's Jinja environment."""
    app.add_template_filter(datetime_text, "dt")
    app.add_template_filter(date_text, "date")
    app.add_template_filter(dash, "dash")
    app.add_template_filter(label_text, "label")
    app.add_template_filter(detail_text, "detail_text")
    app.add_template_filter(actor_text, "actor")
    app.add_template_filter(staff_name, "staff_name")
    app.add_template_global(csrf.token, "csrf_token")
