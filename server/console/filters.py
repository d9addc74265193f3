"""Template filters: Shanghai times, Chinese labels, a dash for anything missing."""

from datetime import datetime

from models import choices
from server.console import csrf
from server.services.clock import SHANGHAI, as_utc, parse_iso

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
}


def _as_datetime(value):
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, str):
        return parse_iso(value)
    return None


def datetime_text(value, fmt="%Y-%m-%d %H:%M"):
    """A stored or ISO time as Shanghai wall time; a dash when missing or unreadable."""
    moment = _as_datetime(value)
    if moment is None:
        return DASH if value in (None, "") or not isinstance(value, str) else value
    return moment.astimezone(SHANGHAI).strftime(fmt)


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


def init_app(app):
    """Register the filters on the app's Jinja environment."""
    app.add_template_filter(datetime_text, "dt")
    app.add_template_filter(date_text, "date")
    app.add_template_filter(dash, "dash")
    app.add_template_filter(label_text, "label")
    app.add_template_global(csrf.token, "csrf_token")
