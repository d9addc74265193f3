"""Complaints in the console: the complaint page, its actions, photos, contact.

Reads go through `complaints.reading` and actions through `workflow.perform`, with the
signed-in account: who may see a complaint (a handler only their queues: 404 otherwise),
who may act (403), the transition (422) and the version (409) are the services' rules. The
version the clerk saw travels in a hidden field, so a stale form gets the conflict message.
"""

import re

from flask import Response, flash, redirect, request, url_for

from models.choices import COMPLAINT_ACTIONS, COMPLAINT_OUTCOMES, label
from server.clock import utcnow
from server.console import pages
from server.console.signin import current_staff
from server.deadline_context import current_deadlines
from server.errors import AppError
from server.services.common import photo_size
from server.services.complaints import (
    action_field_names,
    allowed_actions,
    assignable_handlers,
    complaint_detail,
    find_visible,
    may_act,
    perform,
    photo_bytes,
    readable_audit,
    reveal_contact,
    visible_queues,
)
from server.services.permissions import roles_for


# action -> the form fields it sends (the rest of the form is ignored)
def clock():
    """What every read needs: the calendar with admins' days, the deadline rules, and now."""
    return {
        **current_deadlines().options(),
        "now": utcnow(),
    }


def _page_context(no, **extra):
    """The complaint page's data: the detail, the actions the account may take, their pickers."""
    staff = current_staff()
    complaint = find_visible(no, staff)
    actions = allowed_actions(complaint, staff)
    shown = complaint_detail(no, staff, **clock())
    context = {
        "title": f"投诉 {no}",
        "c": shown,
        "trail": readable_audit(shown),
        "actions": actions,
        "action_labels": COMPLAINT_ACTIONS,
        "outcomes": COMPLAINT_OUTCOMES,
        "handlers": (
            assignable_handlers(complaint.queue, staff=staff)
            if {"assign", "accept_assign"} & set(actions)
            else []
        ),
        "queues": visible_queues(staff) if "transfer" in actions else [],
        "can_reveal": may_act(staff, complaint, roles_for("reveal_contact")),
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
        "version": int(raw_version) if re.fullmatch(r"[0-9]{1,10}", raw_version) else None,
    }
    for name in action_field_names(action):
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
        shown = reveal_contact(no, current_staff(), now=utcnow())
    except AppError as exc:
        if exc.status == 404 and exc.code != "no_contact":
            raise
        context = _page_context(no, error=pages.error_text(exc))
        return pages.page("console/complaint.html", status=exc.status, **context)
    context = _page_context(
        no, revealed_phone=shown["contact_phone"], revealed_name=shown.get("caller_name")
    )
    return pages.page("console/complaint.html", **context)


def photo(no, photo_id):
    """One of the complaint's photos as JPEG, behind the same visibility check as the page."""
    size = photo_size(request.args)
    data = photo_bytes(no, photo_id, size, current_staff())
    return Response(data, mimetype="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/complaints/<no>", "complaints_detail", detail)
    blueprint.add_url_rule("/complaints/<no>/actions", "complaints_act", act, methods=["POST"])
    blueprint.add_url_rule(
        "/complaints/<no>/contact", "complaints_contact", contact, methods=["POST"]
    )
    blueprint.add_url_rule("/complaints/<no>/photos/<photo_id>", "complaints_photo", photo)
