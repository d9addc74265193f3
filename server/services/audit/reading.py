"""Reading the security audit (the auditor alone): filters by time, actor, action, target.

Times are Shanghai dates, both inclusive; they are turned into a range of `seq` (entries
are appended in time order), so one filter by actor, action or target plus a period is
served by that field's index with `seq`. Several of those filters at once are the
auditor's own combination (allowed to scan within the period, like a clerk's filters).
"""

from datetime import datetime, time, timedelta

from pydantic import Field
from pymongo import ASCENDING, DESCENDING

from models.audit import AuditEntry
from server.clock import SHANGHAI, as_utc
from server.errors import validation_error
from server.services.audit.actions import ACTIONS, OUTCOMES, label
from server.services.audit.shapes import SecurityAuditEntry
from server.services.common import Form, ReportDay, Text, page_of, parse
from server.services.permissions import require

EQUALITY = ("actor_username", "action", "target")


class AuditArgs(Form):
    """`?from&to&actor&action&target` of the audit list and export."""

    first: ReportDay = Field(None, alias="from", description="开始日期 YYYY-MM-DD（上海时间，含）")
    last: ReportDay = Field(None, alias="to", description="结束日期 YYYY-MM-DD（含）")
    actor: Text(100) = Field(None, description="操作人用户名")
    action: Text(60) = Field(None, description="操作类型代码，见 /audit/actions")
    target: Text(200) = Field(None, description="对象，如 staff:admin、complaint:TS2026…")


def audit_args(args):
    """The filters from a query mapping; 400 naming a bad one."""
    found = parse(AuditArgs, args).model_dump(
        include={"first", "last", "actor", "action", "target"}
    )
    if found["action"] and found["action"] not in ACTIONS:
        raise validation_error({"action": "未知的操作类型"})
    if found["first"] and found["last"] and found["first"] > found["last"]:
        raise validation_error({"from": "开始日期不能晚于结束日期"})
    return found


def require_auditor(staff):
    """403 unless `staff` may read the audit (the auditor)."""
    require(staff, "read_audit")


def _seq_bound(instant, *, first):
    """The first seq at/after `instant` (first=True) or the last before it."""
    collection = AuditEntry._get_collection()
    if first:
        doc = collection.find_one({"at": {"$gte": instant}}, {"seq": 1}, sort=[("at", ASCENDING)])
        return doc["seq"] if doc else None
    doc = collection.find_one({"at": {"$lt": instant}}, {"seq": 1}, sort=[("at", DESCENDING)])
    return doc["seq"] if doc else 0


def _start(day):
    return as_utc(datetime.combine(day, time(0), tzinfo=SHANGHAI))


def build_query(first=None, last=None, actor=None, action=None, target=None):
    """The MongoDB filter for these filters, or None when no entry can match."""
    query = {
        field: value
        for field, value in zip(EQUALITY, (actor, action, target), strict=True)
        if value
    }
    seq = {}
    if first:
        low = _seq_bound(_start(first), first=True)
        if low is None:
            return None
        seq["$gte"] = low
    if last:
        seq["$lte"] = _seq_bound(_start(last + timedelta(days=1)), first=False)
    if seq:
        query["seq"] = seq
    return query


def _adhoc(query, skip, limit):
    """Two or more of actor, action, target at once: the auditor's own combination."""
    cursor = AuditEntry._get_collection().find(query).sort("seq", DESCENDING)
    return list(cursor.skip(skip).limit(limit))


def _adhoc_count(query):
    """How many entries match the auditor's own combination of filters."""
    return AuditEntry._get_collection().count_documents(query)


def count(query):
    """How many entries match `query` (metadata when nothing is filtered)."""
    collection = AuditEntry._get_collection()
    if not query:
        return collection.estimated_document_count()
    if sum(field in query for field in EQUALITY) > 1:
        return _adhoc_count(query)
    return collection.count_documents(query)


def matching(query, *, skip=0, limit=0):
    """Entries matching `query`, newest first."""
    if sum(field in query for field in EQUALITY) > 1:
        return _adhoc(query, skip, limit)
    cursor = AuditEntry._get_collection().find(query).sort("seq", DESCENDING)
    return list(cursor.skip(skip).limit(limit))


def entry_item(doc):
    """One entry as the API and the console show it."""
    return {
        "seq": doc["seq"],
        "at": as_utc(doc["at"]).isoformat(timespec="milliseconds"),
        "actor": {
            "id": doc.get("actor_id"),
            "username": doc.get("actor_username"),
            "roles": doc.get("actor_roles") or [],
        },
        "client_addr": doc.get("client_addr"),
        "action": doc["action"],
        "action_label": label(doc["action"]),
        "target": doc.get("target"),
        "outcome": doc["outcome"],
        "outcome_label": OUTCOMES.get(doc["outcome"], doc["outcome"]),
        "details": doc.get("details") or {},
    }


def audit_page(staff, filters, page, per_page):
    """One page of the audit, newest first (the auditor alone)."""
    require_auditor(staff)
    query = build_query(**filters)
    if query is None:
        return page_of([], 0, page, per_page)
    total = count(query)
    docs = matching(query, skip=(page - 1) * per_page, limit=per_page)
    items = SecurityAuditEntry.answers(entry_item(doc) for doc in docs)
    return page_of(items, total, page, per_page)
