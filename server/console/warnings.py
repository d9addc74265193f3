"""风险预警 in the console: the list, and acknowledging or closing a warning with a note.

Reads and writes go through the warnings domain's face, which decides who sees which
warning and who may act; the home page and the institution page show the live ones.
"""

from flask import flash, redirect, request, url_for

from models.warning import WARNING_STATUSES
from server.console import forms, pages
from server.console.signin import current_staff, safe_next
from server.errors import AppError
from server.services import warnings
from server.services.common import page_args


def index():
    """Every warning the account sees, filtered by status, newest first."""
    status = request.args.get("status") or None
    page, per_page = page_args({"page": request.args.get("page", "1"), "per_page": "20"})
    result = warnings.list_warnings(current_staff(), status=status, page=page, per_page=per_page)
    return pages.page(
        "console/warnings.html",
        title="风险预警",
        result=result,
        status=status,
        statuses=WARNING_STATUSES,
        args={"status": status} if status else {},
    )


def acknowledge(wid):
    """Acknowledge one warning (已知悉) with the form's note."""
    return act(wid, "acknowledge")


def close(wid):
    """Close one warning with the form's note."""
    return act(wid, "close")


def act(wid, action):
    """Acknowledge or close one warning with the note the form carries."""
    try:
        warnings.handle(current_staff(), wid, action, {"note": forms.text("note")}, now=None)
    except AppError as exc:
        if exc.status >= 404 and exc.code != "invalid_transition":
            raise
        flash(pages.error_text(exc), "error")
    else:
        flash("已知悉该预警" if action == "acknowledge" else "已关闭该预警", "success")
    return redirect(safe_next(forms.text("next"), url_for("console.warnings")), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/warnings", "warnings", index)
    blueprint.add_url_rule(
        "/warnings/<wid>/acknowledge", "warnings_acknowledge", acknowledge, methods=["POST"]
    )
    blueprint.add_url_rule("/warnings/<wid>/close", "warnings_close", close, methods=["POST"])
