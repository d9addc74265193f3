"""What each staff action does beyond the status change: its input, fields and message.

Each step reads and checks its part of the request (400 `validation_error` naming the
field), adds what it sets and appends to `step.change`, fills the audit `detail`, and sets
`step.message`, the text the parent sees when the action is public. The status change,
the audit entry, the timeline entry and the outbox message are added by `workflow.perform`.
"""

import re

from bson import ObjectId

from models.choices import COMPLAINT_OUTCOMES, label
from models.complaint import OPEN_STATUSES, Note, Pause
from models.queue import Queue
from models.staff import Staff
from server.clock import SHANGHAI, as_utc
from server.errors import AppError, validation_error
from server.services.complaints import merging
from server.services.complaints.access import find_visible
from server.services.complaints.action_input import field_of
from server.services.complaints.scope import own_queue_ids, sees_all_queues
from server.services.deadlines import working_days_after
from server.services.permissions import require


def text(step, name):
    """A trimmed text field of the request, or a validation error naming it (its length and
    whether it is required are the action's, from action_input.ACTION_FIELDS)."""
    spec = field_of(step.action, name)
    limit, value = spec.limit, step.payload.get(name)
    if value is None and not spec.required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise validation_error({name: "请填写此项"})
    value = value.strip()
    if len(value) > limit:
        raise validation_error({name: f"最多 {limit} 字"})
    return value


def accept(step):
    """submitted -> accepted: the resolve clock keeps the date set at filing."""
    step.change.set["accepted_at"] = step.now
    step.message = "您的投诉已受理，我们将尽快办理。"


def reject(step):
    """Refuse to accept, with a reason the parent reads."""
    reason = text(step, "reason")
    step.detail = {"reason": reason}
    step.message = "不予受理：" + reason


def assignable_handlers(queue, *, staff):
    """The staff a complaint in `queue` may be assigned to: its active handlers; 403 unless
    `staff` may act on complaints of that queue."""
    require(staff, "act_on_complaints")
    if not sees_all_queues(staff) and queue.pk not in own_queue_ids(staff):
        raise AppError("forbidden")
    return Staff.objects(active=True, roles="handler", queues=queue.pk).order_by("username")


def assign(step):
    """Give the complaint to an active handler of its queue."""
    raw = step.payload.get("assignee")
    handler = None
    if isinstance(raw, str) and ObjectId.is_valid(raw):
        handler = assignable_handlers(step.complaint.queue, staff=step.staff).filter(id=raw).first()
    if handler is None:
        raise validation_error({"assignee": "承办人必须是该投诉所在队列的在岗承办人"})
    step.change.set["assignee"] = handler.pk
    step.detail = {"assignee": handler.username, "assignee_id": str(handler.pk)}
    step.message = "已安排专人办理。"


def accept_assign(step):
    """submitted -> in_progress in one step: accepted now and given to a handler."""
    accept(step)
    assign(step)
    step.message = "您的投诉已受理，已安排专人办理。"


def transfer(step):
    """Move to another queue (by key or id) with a reason; the decision replaces the routing."""
    ref = text(step, "queue")
    reason = text(step, "reason")
    query = {"id": ref} if re.fullmatch(r"[0-9a-f]{24}", ref) else {"key": ref}
    queue = Queue.objects(active=True, **query).first()
    if queue is None:
        raise validation_error({"queue": "未知的队列"})
    old = step.complaint.queue
    if queue.pk == old.pk:
        raise validation_error({"queue": "投诉已在该队列"})
    step.change.set.update(
        queue=queue.pk,
        assignee=None,
        routing={
            "rule": None,
            "rule_name": "人工转办",
            "queue": queue.key,
            "by": step.staff.username,
            "reason": reason,
            "at": step.now,
            # The decision this one replaces (one level: a chain of transfers is in the audit).
            "previous": {
                k: v for k, v in (step.complaint.routing or {}).items() if k != "previous"
            },
        },
    )
    step.detail = {"from_queue": old.key, "to_queue": queue.key, "reason": reason}


def request_info(step):
    """Ask the parent for more: the clock stops until they answer."""
    message = text(step, "message")
    step.change.append("pauses", Pause(start=step.now))
    step.change.set["paused_from"] = step.from_status
    step.detail = {"message": message}
    step.message = message


def note(step):
    """An internal note between staff."""
    body = text(step, "text")
    step.change.append("notes", Note(at=step.now, by=step.staff.username, text=body))
    step.detail = {"text": body}


def reply(step):
    """A public reply the parent reads."""
    message = text(step, "message")
    step.detail = {"message": message}
    step.message = message


def resolve(step):
    """Finish with an outcome, a message and optional measures; merged duplicates hear it."""
    outcome = step.payload.get("outcome")
    if outcome not in COMPLAINT_OUTCOMES:
        raise validation_error({"outcome": "办理结果只能是 " + "、".join(COMPLAINT_OUTCOMES)})
    message = text(step, "message")
    measures = text(step, "measures")
    step.change.set.update(outcome=outcome, measures=measures, resolved_at=step.now)
    if merging.has_merges(step.complaint.no):  # the sweep passes it on should we die first
        step.change.set["merges_waiting"] = True
    step.detail = {"outcome": outcome, "message": message, "measures": measures}
    step.message = f"办理结果：{label(COMPLAINT_OUTCOMES, outcome)}。{message}"
    step.after.append(
        lambda: merging.pass_outcome_on(step.complaint.no, calendar=step.calendar, now=step.now)
    )


def reopen(step):
    """Handle a finished complaint again, with a fresh resolve deadline from today."""
    reason = text(step, "reason")
    due = working_days_after(step.now, step.rules.resolve_days, calendar=step.calendar)
    step.change.set.update(
        reopened_at=step.now,
        resolve_due_at=due,
        resolved_at=None,
        closed_at=None,
        outcome=None,
        measures=None,
    )
    step.detail = {"reason": reason, "resolve_due_at": due}
    step.message = "重新办理：" + reason


def merge(step):
    """Mark as a duplicate of `into`; this parent will hear that complaint's outcome."""
    into = text(step, "into")
    if into == step.complaint.no:
        raise validation_error({"into": "不能与自身合并"})
    try:
        target = find_visible(into, step.staff)
    except AppError:
        raise validation_error({"into": "未找到该投诉"}) from None
    if target.status not in OPEN_STATUSES:
        raise AppError("invalid_transition", "目标投诉已办结、已合并或不予受理，不能并入")
    step.change.set["merged_into"] = target.no
    merging.expect_merges(target.no)  # before the merge is written: the sweep will look
    step.detail = {"into": target.no}
    step.message = f"与投诉 {target.no} 合并办理，办理结果将一并告知。"
    by, no = step.staff.username, step.complaint.no

    def after():
        """Once merged: note it on the target and pass on an outcome it may already have."""
        merging.record_merged_in(target, no, by=by, now=step.now)
        # A resolution that landed while we merged has not seen us: pass it on now.
        merging.pass_outcome_on(target.no, calendar=step.calendar, now=step.now)

    step.after.append(after)


def extend(step):
    """Push the resolve deadline by EXTEND_DAYS working days, once, with a reason."""
    if step.complaint.extended:
        raise AppError("invalid_transition", "办理期限只能延长一次")
    reason = text(step, "reason")
    old = as_utc(step.complaint.resolve_due_at) or working_days_after(
        as_utc(step.complaint.created_at), step.rules.resolve_days, calendar=step.calendar
    )
    due = working_days_after(old, step.rules.extend_days, calendar=step.calendar)
    step.change.set.update(extended=True, resolve_due_at=due)
    step.detail = {"reason": reason, "from": old, "to": due}
    step.message = "办理期限延长至 " + due.astimezone(SHANGHAI).strftime("%Y年%m月%d日")


def confirm_urgent(step):
    """Make urgent a complaint whose urgency a parent's daily urgent cap held back."""
    if not step.complaint.urgent_held:
        raise AppError("invalid_transition", "该投诉没有待确认的紧急标记")
    step.change.set.update(urgent=True, urgent_held=False)
    step.detail = {"urgent": True}
