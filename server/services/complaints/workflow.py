"""The complaint life cycle: ONE transition table, and `perform`, which runs every step.

Each row says, for one staff action: from which statuses it may start and where each
leads (`moves`), which roles may take it, which request fields it needs, and whether the
parent sees it (`public`: always, only when the status changes, or never). `perform`
checks, in order: the complaint is visible to the caller (404), the action exists (400),
role and queue (403), `version` (409 `version_conflict`), the transition (422
`invalid_transition`), the fields (400); then the step and the bookkeeping every step
shares go into ONE guarded write: status, audit entry, timeline entry and outbox message.

Roles: admin everything; dispatcher every action in every queue; handler every action
but `reopen` in their own queues (reopening a finished case is a supervisor's call;
a dissatisfied parent reopens it through the rating); viewer nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from models.choices import COMPLAINT_STATUSES
from models.complaint import OPEN_STATUSES, Complaint
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services.common import check_fields
from server.services.complaints import steps
from server.services.complaints.access import check_may_act, find_visible, may_act
from server.services.complaints.action_input import (
    VERSION_REASON,
    ActionInput,
    field_names,
    required_fields,
)
from server.services.complaints.channel_view import reply_channel
from server.services.complaints.notifications import status_message
from server.services.complaints.store import records
from server.services.complaints.store.guarded import Change, commit
from server.services.deadlines import WORKING_STATUSES, Calendar, DeadlineRules
from server.services.permissions import roles_for

STAFF = roles_for("act_on_complaints")  # dispatchers anywhere, handlers in their queues


def _to(target, *sources):
    return {source: target for source in sources}


def _stay(*statuses):
    return {status: status for status in statuses}


@dataclass(frozen=True)
class Transition:
    """One action: where it may start and where it leads, who, with what, seen by whom."""

    moves: dict[str, str]
    roles: tuple[str, ...]
    public: str  # "always" | "on_change" | "never"
    step: Callable


TRANSITIONS = {
    "accept": Transition(_to("accepted", "submitted"), STAFF, "always", steps.accept),
    # The dispatcher's usual morning step in one guarded write: accept and give it a handler.
    "accept_assign": Transition(
        _to("in_progress", "submitted"), STAFF, "always", steps.accept_assign
    ),
    "reject": Transition(_to("rejected", "submitted", "accepted"), STAFF, "always", steps.reject),
    "assign": Transition(
        _to("in_progress", "accepted", "in_progress", "reopened"),
        STAFF,
        "on_change",
        steps.assign,
    ),
    "transfer": Transition(
        {
            "submitted": "submitted",
            "accepted": "accepted",
            "in_progress": "accepted",
            "reopened": "reopened",
        },
        STAFF,
        "never",
        steps.transfer,
    ),
    "request_info": Transition(
        _to("need_info", "accepted", "in_progress", "reopened"),
        STAFF,
        "always",
        steps.request_info,
    ),
    "note": Transition(_stay(*COMPLAINT_STATUSES), STAFF, "never", steps.note),
    "reply": Transition(_stay(*OPEN_STATUSES, "resolved"), STAFF, "always", steps.reply),
    "resolve": Transition(
        _to("resolved", "in_progress", "need_info", "reopened"),
        STAFF,
        "always",
        steps.resolve,
    ),
    "reopen": Transition(
        _to("reopened", "resolved", "closed"), ("dispatcher",), "always", steps.reopen
    ),
    "merge": Transition(_to("merged", *OPEN_STATUSES), STAFF, "always", steps.merge),
    "extend": Transition(_stay(*WORKING_STATUSES), STAFF, "always", steps.extend),
    # Urgency held back by a parent's daily urgent cap, confirmed by a dispatcher.
    "confirm_urgent": Transition(
        _stay(*OPEN_STATUSES), roles_for("confirm_urgent"), "never", steps.confirm_urgent
    ),
}


@dataclass
class Step:
    """One action in progress: what the step functions read and fill in."""

    action: str
    complaint: Complaint
    staff: object
    payload: dict
    now: datetime
    calendar: Calendar
    rules: DeadlineRules
    from_status: str
    to_status: str
    change: Change
    detail: dict = field(default_factory=dict)
    message: str | None = None
    after: list = field(default_factory=list)


def _bookkeeping(step, action, rule):
    """What every step records: status, the open pause, audit, timeline and outbox."""
    change, moved = step.change, step.to_status != step.from_status
    if moved:
        change.set["status"] = step.to_status
        if step.from_status == "need_info":
            change.close_pause(step.complaint)
    change.set["has_news"] = False  # the handler acted on the latest version, news included
    public = rule.public == "always" or (rule.public == "on_change" and moved)
    if public and step.complaint.parent is None:
        # No parent to message (staff intake): the answer is given by phone or letter.
        step.detail = {**step.detail, "via": reply_channel(step.complaint)}
    change.audit(
        by=step.staff.username,
        action=action,
        from_status=step.from_status,
        to_status=step.to_status,
        detail=step.detail,
    )
    if public:
        no, status = step.complaint.no, step.to_status
        change.timeline(status=status, message=step.message, kind="status" if moved else "reply")
        if step.complaint.parent is not None:
            message = status_message(no=no, status=status, text=step.message, now=step.now)
            change.append("outbox", message)


def allowed_actions(complaint, staff):
    """The actions `staff` may take on `complaint` in its status (the table's own checks)."""
    return [
        action
        for action, rule in TRANSITIONS.items()
        if complaint.status in rule.moves
        and may_act(staff, complaint, rule.roles)
        and (action != "confirm_urgent" or complaint.urgent_held)
    ]


def perform(no, action, payload, *, staff, calendar, rules, now=None):
    """Run one staff action on complaint `no` and return the complaint as it now is."""
    complaint = find_visible(no, staff)
    fields, errors = check_fields(ActionInput, {**payload, "action": action})
    rule = TRANSITIONS.get(fields.get("action"))
    if rule is None:
        raise validation_error({"action": "未知操作，可选：" + "、".join(TRANSITIONS)})
    check_may_act(staff, complaint, rule.roles)
    version = fields.get("version")
    if version is None:
        raise validation_error({"version": VERSION_REASON})
    if version != complaint.version:
        raise AppError("version_conflict")
    if complaint.status not in rule.moves:
        raise AppError("invalid_transition")
    missing = {n: "请填写此项" for n in required_fields(action) if fields.get(n) in (None, "")}
    errors = {name: errors[name] for name in field_names(action) if name in errors} | missing
    if errors:
        raise validation_error(errors)
    now = now or utcnow()
    step = Step(
        action=action,
        complaint=complaint,
        staff=staff,
        payload=fields,
        now=now,
        calendar=calendar,
        rules=rules,
        from_status=complaint.status,
        to_status=rule.moves[complaint.status],
        change=Change(now=now, calendar=calendar),
    )
    rule.step(step)
    _bookkeeping(step, action, rule)
    commit(complaint, step.change, version=version)
    for hook in step.after:
        hook()
    return records.reload(complaint)
