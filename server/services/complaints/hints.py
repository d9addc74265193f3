"""Policy hints: what the 双减 rules say about a report, written down for the staff.

Each hint is a small predicate over the report's facts that returns a Chinese message or
None; `HINTS` is the table of (code, predicate), so a new rule is one function and one
row. They never block a report: they tell the handler what to look at first.
"""

from dataclasses import dataclass
from datetime import datetime, time

import chinese_calendar

from server.clock import SHANGHAI
from server.services.deadlines import Calendar

# Policy (三): lessons end by 20:30 offline; online ones by 21:00. Before dawn is late too.
LATEST = {"offline": time(20, 30), "online": time(21, 0)}
EARLIEST = time(6, 0)
SUBJECT_TYPE = frozenset({"disguised_subject", "ahead_of_curriculum", "off_hours"})
BANNED = {"blacklist": "已列入黑名单", "revoked": "已被吊销办学资质", "suspended": "已被暂停办学"}
_HOLIDAY_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}


@dataclass(frozen=True)
class HintFacts:
    """The report as the hints see it; `institution` is None for a free-text one."""

    category: str
    occurred_at: datetime | None = None
    institution: object | None = None
    calendar: Calendar = Calendar()


def late_hours(facts):
    """Training reported after 20:30 (offline) or 21:00 (online), Shanghai time."""
    if facts.occurred_at is None:
        return None
    mode = getattr(facts.institution, "mode", None) or "offline"
    latest = LATEST.get(mode, LATEST["offline"])
    local = facts.occurred_at.astimezone(SHANGHAI)
    if EARLIEST <= local.time() <= latest:
        return None
    where = "线上" if mode == "online" else "线下"
    return f"发生时间 {local:%H:%M} 晚于{where}培训 {latest:%H:%M} 的结束时限"


def _subject_training_suspected(facts):
    """Whether the report may concern subject training (the rest-day ban covers only that)."""
    kind = getattr(facts.institution, "kind", None)
    return facts.institution is None or kind == "subject" or facts.category in SUBJECT_TYPE


def _holiday_name(day):
    """The official holiday's Chinese name, or None (also for a year the package lacks)."""
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    return _HOLIDAY_NAMES.get(name) if is_holiday else None


def rest_day(facts):
    """Subject training on a weekend or statutory holiday (China's official calendar)."""
    if facts.occurred_at is None or not _subject_training_suspected(facts):
        return None
    day = facts.occurred_at.astimezone(SHANGHAI).date()
    if facts.calendar.is_workday(day):
        return None
    name = _holiday_name(day) or "休息日"
    return f"发生于{name}（{day:%Y-%m-%d}），法定节假日、休息日不得组织学科类培训"


def disguised_subject(facts):
    """Subject-type teaching reported at a non-subject institution (隐形变异)."""
    kind = getattr(facts.institution, "kind", None)
    if kind != "non_subject" or facts.category not in SUBJECT_TYPE - {"off_hours"}:
        return None
    return "非学科类机构被反映开展学科类培训，疑似隐形变异学科类培训"


def unlisted(facts):
    """A free-text institution is not in the archive: possibly training without approval."""
    if facts.institution is not None:
        return None
    return "机构不在监管名录中，疑似无证无照办学"


def banned_still_operating(facts):
    """A blacklisted, revoked or suspended institution reported as still training."""
    reason = BANNED.get(getattr(facts.institution, "status", None))
    if reason is None:
        return None
    return f"该机构{reason}，仍被反映在开展培训"


def unapproved(facts):
    """An institution whose approval is still pending, reported as already training."""
    if getattr(facts.institution, "status", None) != "pending":
        return None
    return "该机构尚未通过审核，疑似未经审批开展培训"


def for_profit_subject(facts):
    """Subject institutions must be registered as non-profit (policy 二)."""
    institution = facts.institution
    if getattr(institution, "kind", None) != "subject":
        return None
    if getattr(institution, "nature", None) != "for_profit":
        return None
    return "学科类机构登记为营利性，不符合统一登记为非营利性机构的要求"


# hint code (models.choices.HINT_CODES) and the predicate that may raise it, in order.
HINTS = [
    ("off_hours", late_hours),
    ("off_hours", rest_day),
    ("disguised_subject", disguised_subject),
    ("unlicensed", unlisted),
    ("banned_institution", banned_still_operating),
    ("unapproved_institution", unapproved),
    ("for_profit_subject", for_profit_subject),
]


def policy_hints(facts):
    """Every hint the table raises for `facts`: [{"code", "message"}]."""
    found = ((code, predicate(facts)) for code, predicate in HINTS)
    return [{"code": code, "message": message} for code, message in found if message]


# Hints about what happened (not about the institution) fit only the categories they
# concern: a rest-day hint means nothing on a fee complaint. Codes not listed fit every one.
HINT_CATEGORIES = {
    "off_hours": frozenset({"off_hours", "disguised_subject", "ahead_of_curriculum", "other"}),
    "disguised_subject": frozenset({"disguised_subject", "ahead_of_curriculum", "other"}),
}


def fitting_hints(hints, category):
    """The stored hints that fit the complaint's category (as staff see them)."""
    return [
        hint
        for hint in hints
        if category in HINT_CATEGORIES.get(hint.get("code"), frozenset({category}))
    ]
