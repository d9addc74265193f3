"""Parents' complaints: filed once, routed, dated and hinted; and the parent's own view.

A submission is checked field by field, counted against the parent's daily limit, its
text checked by WeChat (a WeChat outage flags it for manual review instead of losing it),
routed by the rule table, given policy hints and working-day deadlines, and stored with a
fresh tracking number in one insert, under the `unit` id the request's Idempotency-Key
claimed (common/idempotency): a retried attempt finds that complaint stored and does not
store a second.
"""

from datetime import timedelta

from models.complaint import AuditEntry, Complaint, TimelineEntry
from server.clock import SHANGHAI, utcnow
from server.errors import AppError, validation_error
from server.services.caps import take as take_cap
from server.services.common import rate_hit
from server.services.complaints import photo_flags
from server.services.complaints.announcing import announce_new
from server.services.complaints.clusters import cluster_key
from server.services.complaints.hints import HintFacts, policy_hints
from server.services.complaints.input import clean_submission
from server.services.complaints.routing import ComplaintFacts, route_complaint
from server.services.complaints.store import records
from server.services.complaints.urgency import urgency
from server.services.deadlines import Calendar, DeadlineRules, initial_deadlines
from server.services.photos import check_report_text

DAILY_WINDOW = timedelta(days=1)
SUBMITTED_MESSAGE = "投诉已提交，等待受理"
OLD_NOTICE = "隐私保护指引已更新，请阅读并同意新版后再提交"


def submit_complaint(
    parent,
    body,
    *,
    wechat,
    unit=None,
    daily_limit=10,
    calendar=None,
    rules=None,
    privacy_version=None,
    now=None,
    caps=None,
    address=None,
):
    """File a parent's complaint; (complaint, created). Under a `unit` already stored (a
    retried Idempotency-Key), that complaint (created False), checked and counted nothing.
    `caps` (CapSettings) limit submissions from `address` and the parent's urgent ones.

    `privacy_version` is the notice in force: a submission naming another one (the parent
    agreed to an older notice) is refused, and the complaint records the version agreed to.
    """
    now = now or utcnow()
    calendar = calendar or Calendar()
    accept_due_at, resolve_due_at = initial_deadlines(
        now, rules=rules or DeadlineRules(), calendar=calendar
    )
    if unit is not None and (first := records.by_id(unit, parent=parent)):
        return first, False
    fields = clean_submission(parent, body, now=now)
    fields["privacy_version"] = _agreed_version(fields.get("privacy_version"), privacy_version)
    _count_submission(parent, now, daily_limit)
    if caps is not None:
        take_cap("complaints", address, settings=caps, now=now)
    text_reason = check_report_text(parent.openid, _report_text(fields), wechat=wechat, now=now)
    institution = fields.get("institution")
    decision = route_complaint(_routing_facts(fields))
    cap = caps.urgent_per_parent if caps is not None else 0
    urgent, held = urgency(parent, decision.urgent, cap=cap, now=now)
    reasons = [text_reason] if text_reason else []
    reasons += _photo_reasons(fields["photos"], now)
    flagged = bool(reasons)
    complaint = Complaint(
        id=unit,
        parent=parent,
        **fields,
        queue=decision.queue,
        urgent=urgent,
        urgent_held=held,
        routing=decision.record(),
        needs_manual_review=flagged,
        review_reasons=reasons,
        hints=policy_hints(
            HintFacts(fields["category"], fields["occurred_at"], institution, calendar)
        ),
        accept_due_at=accept_due_at,
        resolve_due_at=resolve_due_at,
        timeline=[TimelineEntry(at=now, status="submitted", message=SUBMITTED_MESSAGE)],
        audit=[_submitted_audit(now, decision, flagged, held)],
        cluster_key=cluster_key(
            institution, fields.get("institution_name"), fields.get("institution_address")
        ),
        created_at=now,
    )
    complaint, created = records.insert(complaint, calendar=calendar, now=now)
    if created:
        photo_flags.flag_unchecked_photos(complaint.pk, fields["photos"], now=now)
        announce_new(complaint, now=now)
    return complaint, created


def _agreed_version(given, in_force):
    """The notice version the complaint records; 400 if the parent agreed to an old one."""
    if given and in_force and given != in_force:
        raise validation_error({"privacy_version": OLD_NOTICE})
    return given or in_force


def _photo_reasons(photos, now):
    """A review reason for each photo whose check already failed (from its own reason)."""
    return [
        dict(photo.check_reason or {"code": "photo_check_failed"}, at=now, photo=str(photo.pk))
        for photo in photos
        if photo.moderation == "unchecked"
    ]


def _report_text(fields):
    """Everything the parent wrote, for WeChat's text check in one call."""
    parts = ("institution_name", "institution_address", "description")
    return "\n".join(fields[name] for name in parts if fields.get(name))


def _routing_facts(fields):
    """What routing looks at, from the checked fields."""
    institution = fields.get("institution")
    return ComplaintFacts(
        category=fields["category"],
        institution_kind=getattr(institution, "kind", None),
        institution_category=getattr(institution, "category", None),
        district=fields.get("district"),
        institution_listed=institution is not None,
    )


def _count_submission(parent, now, daily_limit):
    """Count one submission in the parent's Shanghai day; 429 `rate_limited` past the limit."""
    day = now.astimezone(SHANGHAI).strftime("%Y%m%d")
    if rate_hit(f"complaints:{parent.id}:{day}", window=DAILY_WINDOW, now=now) > daily_limit:
        raise AppError("rate_limited")


def _submitted_audit(now, decision, flagged, held=False):
    """The first entry of the audit trail: submitted, and where routing sent it and why."""
    detail = {**decision.record(), "urgent": decision.urgent and not held}
    detail["needs_manual_review"] = flagged
    if held:
        detail["urgent_held"] = True
    return AuditEntry(at=now, by="parent", action="submit", to_status="submitted", detail=detail)


def complaints_of(parent):
    """The parent's own complaints, newest first (a queryset, for pagination)."""
    return Complaint.objects(parent=parent).order_by("-created_at", "-id")


def complaint_for_parent(parent, no):
    """The parent's own complaint by tracking number; 404 for anyone else's, as if none."""
    complaint = records.by_no(no, parent=parent)
    if complaint is None:
        raise AppError("not_found")
    return complaint
