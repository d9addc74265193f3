"""The rectification ledger (整改台账): list with open/overdue/closed filters, open a notice
(挂账), close it with evidence text and photos (销号). Every staff member reads; writers are
the permission `write_rectifications` (dispatchers and handlers; admin holds every role).
"""

from bson import ObjectId
from flask import Response, flash, redirect, request, url_for

from server.api_support import object_id
from server.console import forms, pages
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services.archive import get_institution
from server.services.common import page_args, paginate, photo_size
from server.services.permissions import may
from server.services.photos import MAX_BYTES, evidence_image
from server.services.rectifications import (
    close_rectification,
    get_rectification,
    list_filter,
    open_rectification,
    rectification_detail,
    rectifications,
)

STATUS_TABS = (("", "全部"), ("open", "整改中"), ("overdue", "已逾期"), ("closed", "已销号"))


def index():
    """The ledger, filtered by status, institution or complaint."""
    chosen = list_filter(request.args)
    page, per_page = page_args(request.args)
    found = rectifications(**chosen, actor=current_staff())
    result = paginate(found, page, per_page, rectification_detail)
    args = {key: value for key, value in chosen.items() if value}
    return pages.page(
        "console/rectifications.html",
        title="整改台账",
        result=result,
        chosen=chosen,
        args=args,
        tabs=STATUS_TABS,
        can_write=may(current_staff(), "write_rectifications"),
    )


def _new_context():
    """The form's context: the institution named by the link, if it names one."""
    raw_id = request.values.get("institution_id") or ""
    institution = (
        get_institution(raw_id, actor=current_staff()) if ObjectId.is_valid(raw_id) else None
    )
    return {"title": "开具整改通知", "institution": institution}


@roles_required(can="write_rectifications")
def new():
    """The form to open a rectification (institution and complaint prefilled from the link)."""
    return pages.page("console/rectification_form.html", **_new_context())


@roles_required(can="write_rectifications")
def create():
    """Open the rectification from the form."""
    data = {
        "institution_id": forms.text("institution_id"),
        "problems": forms.lines("problems"),
        "requirements": forms.text("requirements"),
        "due_date": forms.text("due_date"),
        "summary": forms.text("summary"),
        "complaint_no": forms.optional("complaint_no"),
    }
    try:
        opened = open_rectification(data, actor=current_staff())
    except AppError as exc:
        return forms.failed("console/rectification_form.html", exc, **_new_context())
    flash("已开具整改通知（挂账）", "success")
    return redirect(url_for("console.rectifications_detail", rid=opened.id), code=303)


def _detail(rid):
    entry = rectification_detail(get_rectification(object_id(rid), actor=current_staff()))
    can_write = may(current_staff(), "write_rectifications")
    return {"title": "整改详情", "entry": entry, "can_write": can_write}


def detail(rid):
    """One ledger entry with its evidence, and the close form while it is open."""
    return pages.page("console/rectification.html", **_detail(rid))


@roles_required(can="write_rectifications")
def close(rid):
    """Close with evidence text and photos (销号)."""
    uploads = [f for f in request.files.getlist("photos") if f and f.filename]
    # One byte past the limit is enough for the photo check to refuse a file as too large.
    photos = [f.read(MAX_BYTES + 1) for f in uploads]
    try:
        close_rectification(
            object_id(rid),
            evidence=request.form.get("evidence"),
            photos=photos,
            actor=current_staff(),
        )
    except AppError as exc:
        return forms.failed("console/rectification.html", exc, **_detail(rid))
    flash("已销号", "success")
    return redirect(url_for("console.rectifications_detail", rid=rid), code=303)


def photo(rid, photo_id):
    """One evidence photo (staff only), full size or thumbnail."""
    size = photo_size(request.args)
    found = get_rectification(object_id(rid), actor=current_staff())
    image = evidence_image(found, photo_id, size)
    return Response(
        image, mimetype="image/jpeg", headers={"Cache-Control": "private, max-age=3600"}
    )


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/rectifications", "rectifications", index)
    blueprint.add_url_rule("/rectifications", "rectifications_create", create, methods=["POST"])
    blueprint.add_url_rule("/rectifications/new", "rectifications_new", new)
    blueprint.add_url_rule("/rectifications/<rid>", "rectifications_detail", detail)
    blueprint.add_url_rule(
        "/rectifications/<rid>/close", "rectifications_close", close, methods=["POST"]
    )
    blueprint.add_url_rule("/rectifications/<rid>/photos/<photo_id>", "rectifications_photo", photo)
