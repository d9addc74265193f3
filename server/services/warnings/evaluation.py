"""Evaluating the rules on a new complaint, at a cost independent of history.

The caller (complaint intake) passes the new complaint's facts and `recent`, a function
that lists the tracking numbers of complaints about one subject (of one category, or
any) since an instant, newest first, at most `limit`: an indexed range read of that
window, never a scan. So each rule reads at most EVIDENCE_LIMIT complaints however many
the county has stored. A rule met opens a warning, or adds the complaint to the live
warning of that institution and rule (the unique partial index keeps it to one, even
when two processes race). New warnings are returned for the caller to announce.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from mongoengine import NotUniqueError

from models.warning import RiskWarning
from server.services.warnings.rules import active_rules

log = logging.getLogger(__name__)

EVIDENCE_LIMIT = 50  # complaints read per rule, and kept as a warning's first evidence


@dataclass(frozen=True)
class Facts:
    """What the rules look at in a new complaint."""

    no: str
    subject: str  # "id:<institution id>" or "name:<normalised name>|<address>"
    institution_id: str | None
    institution_name: str | None
    institution_status: str | None
    category: str
    queue_id: object
    at: datetime


def _evidence(rule, facts, recent):
    """The complaint numbers that meet `rule`, oldest first; [] when it is not met."""
    if rule.kind == "status":
        return [facts.no] if facts.institution_status in (rule.statuses or []) else []
    if rule.category and rule.category != facts.category:
        return []
    since = facts.at - timedelta(days=rule.days)
    numbers = recent(facts.subject, rule.category, since, EVIDENCE_LIMIT)
    if facts.no not in numbers:
        numbers = [facts.no, *numbers]
    return list(reversed(numbers)) if len(numbers) >= rule.threshold else []


def _grow(facts, rule, numbers):
    """Add `numbers` to the live warning; True if there was one."""
    query = {"subject": facts.subject, "rule": rule.key, "live": True}
    update = {
        "$addToSet": {"evidence": {"$each": numbers}},
        "$set": {"last_evidence_at": facts.at, "updated_at": facts.at},
    }
    return RiskWarning._get_collection().update_one(query, update).matched_count == 1


def _open(facts, rule, numbers):
    warning = RiskWarning(
        subject=facts.subject,
        institution=facts.institution_id,
        institution_name=facts.institution_name,
        rule=rule.key,
        rule_name=rule.name,
        queue=facts.queue_id,
        status="open",
        live=True,
        evidence=numbers,
        opened_at=facts.at,
        last_evidence_at=facts.at,
        created_at=facts.at,
        history=[{"at": facts.at, "by": "system", "action": "open", "note": None}],
    )
    warning.save(force_insert=True)
    return warning


def evaluate(facts, *, recent):
    """Apply every active rule to a new complaint; the warnings it opened."""
    opened = []
    for rule in active_rules():
        numbers = _evidence(rule, facts, recent)
        if not numbers or _grow(facts, rule, numbers):
            continue
        try:
            opened.append(_open(facts, rule, numbers))
        except NotUniqueError:  # another process opened it a moment ago: add to it
            _grow(facts, rule, numbers)
    for warning in opened:
        log.info("warning %s opened (%s, %s)", warning.id, warning.rule, facts.no)
    return opened
