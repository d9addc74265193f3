"""The privacy notice (隐私保护指引) in the console: admins read every version, publish a new
one and correct one not yet in force, through the same service (and audit) as the staff API."""

from flask import flash, redirect, request, url_for

from server.clock import SHANGHAI, utcnow
from server.console import forms, pages
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services import privacy

FIELDS = ("version", "title", "body", "effective_date")


def _page(status=200, **context):
    """The notice page: the version in force, every version, the forms."""
    now = utcnow()
    notices = [
        privacy.notice_view(n, now=now) for n in privacy.list_notices(staff=current_staff())[:50]
    ]
    today = now.astimezone(SHANGHAI).date().isoformat()
    return pages.page(
        "console/privacy.html",
        status=status,
        title="隐私保护指引",
        notices=notices,
        today=today,
        **context,
    )


@roles_required(can="manage_notices")
def index():
    """Every version of the notice, newest first, and the form for a new one."""
    return _page()


@roles_required(can="manage_notices")
def publish():
    """Publish a new version."""
    data = {name: forms.text(name) for name in FIELDS}
    try:
        notice = privacy.publish_notice(data, staff=current_staff())
    except AppError as exc:
        return _page(exc.status, error=pages.error_text(exc), form=request.form)
    flash(f"已发布隐私保护指引 {notice.version}，{notice.effective_date} 起生效", "success")
    return redirect(url_for("console.privacy"), code=303)


@roles_required(can="manage_notices")
def edit(version):
    """Correct a version not yet in force."""
    data = {name: forms.text(name) for name in FIELDS[1:] if forms.text(name)}
    try:
        privacy.edit_notice(version, data, staff=current_staff())
    except AppError as exc:
        return _page(exc.status, error=pages.error_text(exc))
    flash(f"已修改隐私保护指引 {version}", "success")
    return redirect(url_for("console.privacy"), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/privacy", "privacy", index)
    blueprint.add_url_rule("/privacy", "privacy_publish", publish, methods=["POST"])
    blueprint.add_url_rule("/privacy/<version>", "privacy_edit", edit, methods=["POST"])
