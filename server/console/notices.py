"""Notices (公告): every staff member reads them; admins write, publish and withdraw.

Writes go through `server.services.admin.notices` (create_notice, update_notice) with the same
data the staff API takes, so its checks (lengths, known institutions) are the only ones.
"""

from bson import ObjectId
from flask import flash, redirect, request, url_for

from server.api_support import object_id
from server.console import forms, pages
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services.admin import (
    create_notice,
    get_notice,
    notice_staff_detail,
    staff_notices,
    update_notice,
)
from server.services.archive import get_institution
from server.services.common import page_args, paginate
from server.services.directory import institution_ref

FILTERS = {"published": True, "draft": False}


def index():
    """Every notice, drafts included, newest first; filter by published or draft."""
    shown = request.args.get("show") if request.args.get("show") in FILTERS else ""
    page, per_page = page_args(request.args)
    result = paginate(
        staff_notices(FILTERS.get(shown), actor=current_staff()),
        page,
        per_page,
        notice_staff_detail,
    )
    return pages.page("console/notices.html", title="公告", result=result, show=shown)


def _form_data():
    return {
        "title": forms.text("title"),
        "body": forms.text("body"),
        "institutions": forms.checked("institutions"),
    }


def _chosen():
    """The institutions a failed form had chosen, to show them chosen again."""
    refs = []
    for raw in forms.checked("institutions")[:100]:
        if ObjectId.is_valid(raw):
            try:
                refs.append(institution_ref(get_institution(raw, actor=current_staff())))
            except AppError:
                continue  # deleted meanwhile: the service's error already says so
    return refs


@roles_required(can="manage_notices")
def new():
    """The form for a new notice."""
    return pages.page("console/notice_form.html", title="写公告", notice=None)


@roles_required(can="manage_notices")
def create():
    """Save a new notice, published at once if asked."""
    data = {**_form_data(), "published": request.form.get("published") == "1"}
    try:
        notice = create_notice(data, actor=current_staff())
    except AppError as exc:
        return forms.failed(
            "console/notice_form.html", exc, title="写公告", notice=None, chosen=_chosen()
        )
    flash("公告已发布" if notice.published else "公告已保存为草稿", "success")
    return redirect(url_for("console.notices_detail", notice_id=notice.id), code=303)


def detail(notice_id):
    """One notice; admins also get its edit and publish/withdraw forms."""
    notice = notice_staff_detail(get_notice(object_id(notice_id), actor=current_staff()))
    return pages.page("console/notice.html", title=notice["title"], notice=notice)


# form -> (the PATCH data it makes, the message after it)
CHANGES = {
    "edit": (_form_data, "公告已保存"),
    "publish": (lambda: {"published": True}, "公告已发布，家长可以看到"),
    "withdraw": (lambda: {"published": False}, "公告已撤回，家长不再看到"),
}


@roles_required(can="manage_notices")
def change(notice_id, what):
    """Edit, publish or withdraw a notice."""
    if what not in CHANGES:
        raise AppError("not_found")
    make_data, done = CHANGES[what]
    notice_id = object_id(notice_id)
    try:
        update_notice(notice_id, make_data(), actor=current_staff())
    except AppError as exc:
        notice = notice_staff_detail(get_notice(notice_id, actor=current_staff()))
        return forms.failed(
            "console/notice.html", exc, title=notice["title"], notice=notice, chosen=_chosen()
        )
    flash(done, "success")
    return redirect(url_for("console.notices_detail", notice_id=notice_id), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/notices", "notices", index)
    blueprint.add_url_rule("/notices", "notices_create", create, methods=["POST"])
    blueprint.add_url_rule("/notices/new", "notices_new", new)
    blueprint.add_url_rule("/notices/<notice_id>", "notices_detail", detail)
    blueprint.add_url_rule(
        "/notices/<notice_id>/<what>", "notices_change", change, methods=["POST"]
    )
