"""Complaints in the console: the work list, the complaint page, its actions, photos, contact.

Reads go through `server.services.triage.reading` and actions through `workflow.perform`, with the
signed-in account: who may see a complaint (a handler only their queues: 404 otherwise),
who may act (403), the transition (422) and the version (409) are the services' rules. The
version the clerk saw travels in a hidden field, so a stale form gets the conflict message.
"""

from flask import Response, current_app, flash, redirect, request, url_for

from models.choices import COMPLAINT_ACTIONS, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, label
from server.clock import utcnow
from server.console import pages
from server.console.signin import current_staff
from server.errors import AppError
from server.services.common.pagination import page_args
from server.services.deadlines.holidays import load_calendar
from server.services.deadlines.sla import DeadlineRules
from server.services.triage.access import find_visible, may_act
from server.services.triage.reading import (
    REVEAL_ROLES,
    complaint_detail,
    list_args,
    list_complaints,
    photo_bytes,
    reveal_contact,
    visible_queues,
)
from server.services.triage.steps import assignable_handlers
from server.services.triage.workflow import allowed_actions, perform

FILTER_ARGS = ("queue", "status", "overdue", "q", "institution_id")
# action -> the form fields it sends (the rest of the form is ignored)
ACTION_FIELDS = {
    "accept": (),
    "reject": ("reason",),
    "assign": ("assignee",),
    "transfer": ("queue", "reason"),
    "request_info": ("message",),
    "note": ("text",),
    "reply": ("message",),
    "resolve": ("outcome", "message", "measures"),
    "reopen": ("reason",),
    "merge": ("into",),
    "extend": ("reason",),
}


def clock():
    """What every read needs: the calendar with admins' days, the deadline rules, and now."""
    return {
        "calendar": load_calendar(),
        "rules": DeadlineRules.from_config(current_app.config),
        "now": utcnow(),
    }


def index():
    """Complaints the account may see, overdue and urgent first, with filters."""
    staff = current_staff()
    args = {name: request.args.get(name, "").strip() for name in FILTER_ARGS}
    args = {name: value for name, value in args.items() if value}
    page, per_page = page_args(request.args)
    filters = list_args(args)
    result = list_complaints(staff, page=page, per_page=per_page, **filters, **clock())
    return pages.page(
        "console/complaints.html",
        title="投诉列表",
        result=result,
        args=args,
        queues=visible_queues(staff),
        statuses=COMPLAINT_STATUSES,
    )


def _page_context(no, **extra):
    """The complaint page's data: the detail, the actions the account may take, their pickers."""
    staff = current_staff()
    complaint = find_visible(no, staff)
    actions = allowed_actions(complaint, staff)
    context = {
        "title": f"投诉 {no}",
        "c": complaint_detail(no, staff, **clock()),
        "actions": actions,
        "action_labels": COMPLAINT_ACTIONS,
        "outcomes": COMPLAINT_OUTCOMES,
        "handlers": assignable_handlers(complaint.queue) if "assign" in actions else [],
        "queues": visible_queues(staff) if "transfer" in actions else [],
        "can_reveal": may_act(staff, complaint, REVEAL_ROLES),
    }
    context.update(extra)
    return context


def detail(no):
    """The complaint page: details, photos, timeline, notes, audit trail and action forms."""
    return pages.page("console/complaint.html", **_page_context(no))


def _payload(action):
    """The action's request body from the form: action, version and its own fields."""
    raw_version = request.form.get("version", "")
    payload = {
        "action": action,
        "version": int(raw_version) if raw_version.isdigit() else None,
    }
    for name in ACTION_FIELDS.get(action, ()):
        value = request.form.get(name)
        if value is not None and value.strip():
            payload[name] = value
    return payload


def act(no):
    """Take one action with the version the form was drawn at; errors shown on the page."""
    action = request.form.get("action", "")
    try:
        perform(no, action, _payload(action), staff=current_staff(), **clock())
    except AppError as exc:
        context = _page_context(no, error=pages.error_text(exc), failed_action=action)
        return pages.page("console/complaint.html", status=exc.status, form=request.form, **context)
    flash(f"已完成：{label(COMPLAINT_ACTIONS, action)}", "success")
    return redirect(url_for("console.complaints_detail", no=no), code=303)


def contact(no):
    """Show the unmasked phone once (recorded in the audit trail); never put in the session."""
    try:
        phone = reveal_contact(no, current_staff(), now=utcnow())["contact_phone"]
    except AppError as exc:
        if exc.status == 404 and exc.code != "no_contact":
            raise
        context = _page_context(no, error=pages.error_text(exc))
        return pages.page("console/complaint.html", status=exc.status, **context)
    return pages.page("console/complaint.html", **_page_context(no, revealed_phone=phone))


def photo(no, photo_id):
    """One of the complaint's photos as JPEG, behind the same visibility check as the page."""
    size = "thumb" if request.args.get("size") == "thumb" else "full"
    data = photo_bytes(no, photo_id, size, current_staff())
    return Response(data, mimetype="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/complaints", "complaints", index)
    blueprint.add_url_rule("/complaints/<no>", "complaints_detail", detail)
    blueprint.add_url_rule("/complaints/<no>/actions", "complaints_act", act, methods=["POST"])
    blueprint.add_url_rule(
        "/complaints/<no>/contact", "complaints_contact", contact, methods=["POST"]
    )
    blueprint.add_url_rule("/complaints/<no>/photos/<photo_id>", "complaints_photo", photo)
