"""登记投诉: dispatchers and admins record a complaint received by phone, the 12345 hotline,
letter, visit or the national platform; and merging a whole cluster from the complaint page.

The form posts what the staff API takes (the same service checks every field), with the
institution picker for a listed institution or a name and address for an unlisted one,
and photos uploaded with the form.
"""

from flask import flash, redirect, request, url_for

from models.choices import COMPLAINT_CATEGORIES, STAFF_CHANNELS
from server.console import forms, pages
from server.console.complaints import clock
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services.complaints import enter_complaint, merge_cluster
from server.services.photos import upload_staff_photo

FIELDS = (
    "channel",
    "external_ref",
    "received_at",
    "caller_name",
    "caller_phone",
    "institution_id",
    "institution_name",
    "institution_address",
    "category",
    "description",
)
CHOICES = {"channels": STAFF_CHANNELS, "categories": COMPLAINT_CATEGORIES}
TEMPLATE = "console/complaint_new.html"


@roles_required(can="enter_complaints")
def new():
    """The 登记投诉 form."""
    return pages.page(TEMPLATE, title="登记投诉", **CHOICES)


def _photo_ids(staff):
    files = [f for f in request.files.getlist("photos") if f and f.filename][:9]
    return [str(upload_staff_photo(staff, f.read()).id) for f in files]


@roles_required(can="enter_complaints")
def create():
    """Record the complaint; its page on success, the form with each field's reason if not."""
    staff = current_staff()
    body = {name: forms.optional(name) for name in FIELDS}
    try:
        body["photo_ids"] = _photo_ids(staff)
        answer, status = enter_complaint(staff, body, **clock())
    except AppError as exc:
        if exc.status >= 403:
            raise
        return forms.failed(TEMPLATE, exc, title="登记投诉", **CHOICES)
    if status == 200:
        flash(f"该渠道编号已登记为投诉 {answer['no']}，未重复登记", "info")
    else:
        flash(f"已登记投诉 {answer['no']}", "success")
    return redirect(url_for("console.complaints_detail", no=answer["no"]), code=303)


def merge(no):
    """Merge every other open complaint of the cluster into this one."""
    result = merge_cluster(no, staff=current_staff(), **clock())
    text = f"已将 {len(result['merged'])} 件同类投诉并入本件"
    if result["skipped"]:
        text += f"；{len(result['skipped'])} 件无权合并，未处理"
    flash(text, "success")
    return redirect(url_for("console.complaints_detail", no=no), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/complaints/new", "complaints_new", new)
    blueprint.add_url_rule("/complaints/new", "complaints_create", create, methods=["POST"])
    blueprint.add_url_rule(
        "/complaints/<no>/cluster/merge", "complaints_merge_cluster", merge, methods=["POST"]
    )
