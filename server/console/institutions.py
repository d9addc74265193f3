"""The institution archive in the console: search, detail, create and edit, list status
changes with a reason, import from a spreadsheet with the per-row error report, export.

Every read and write goes through `server.services.archive.records` (and its import and file
modules), so field checks, the credit-code rule and the all-or-nothing import are theirs.
Every staff member reads; admins write, as in the staff API.
"""

from flask import Response, current_app, flash, jsonify, redirect, request, url_for

from models.choices import (
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
)
from server.api_support import attachment, object_id
from server.console import forms, pages
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services import archive, warnings
from server.services.directory import parse_search
from server.services.permissions import may
from server.wechat import current_wechat

SEARCH_ARGS = ("q", "district", "kind", "category", "status")
TEXT_FIELDS = (
    "name",
    "credit_code",
    "licence_no",
    "kind",
    "category",
    "nature",
    "mode",
    "district",
    "address",
    "phone",
    "students",
    "business_hours",
)
CHOICES = {
    "kinds": INSTITUTION_KINDS,
    "categories": INSTITUTION_CATEGORIES,
    "natures": INSTITUTION_NATURES,
    "modes": INSTITUTION_MODES,
    "statuses": INSTITUTION_STATUSES,
}


def index():
    """Search the archive by name, pinyin, initials or code, with list filters."""
    args = {name: request.args.get(name, "").strip() for name in SEARCH_ARGS}
    args = {name: value for name, value in args.items() if value}
    query = dict(args, page=request.args.get("page", ""), per_page="20")
    result = archive.staff_search(**parse_search(query), actor=current_staff())
    return pages.page(
        "console/institutions.html", title="机构档案", result=result, args=args, **CHOICES
    )


def _pair(first, second, names):
    """Two form fields as a {name: value} dict, or None when both are empty."""
    a, b = forms.text(first), forms.text(second)
    return dict(zip(names, (a or None, b or None), strict=True)) if (a or b) else None


def form_data():
    """The archive fields of the create/edit form as the service takes them."""
    data = {name: forms.optional(name) for name in TEXT_FIELDS}
    data["aliases"] = forms.lines("aliases")
    data["location"] = _pair("lat", "lng", ("lat", "lng"))
    data["teachers"] = _pair("teachers_total", "teachers_qualified", ("total", "qualified"))
    data["prepaid_account"] = _pair("prepaid_bank", "prepaid_account", ("bank", "account"))
    return data


def _detail_context(institution, **extra):
    body = archive.staff_detail(institution, actor=current_staff())
    context = {"title": body.get("name") or "机构", "i": body, **CHOICES}
    context["can_open_rectification"] = may(current_staff(), "write_rectifications")
    context["warnings"] = warnings.open_warnings(current_staff(), institution_id=institution.pk)
    context.update(extra)
    return context


def detail(iid):
    """One institution: archive fields, status history, rectifications; admins' forms."""
    return pages.page("console/institution.html", **_detail_context(_get(iid)))


def _get(iid):
    return archive.get_institution(object_id(iid), actor=current_staff())


@roles_required(can="manage_archive")
def new():
    """The form for a new archive entry."""
    return pages.page("console/institution_form.html", title="新建机构", i=None, **CHOICES)


@roles_required(can="manage_archive")
def create():
    """Create the archive entry from the form."""
    data = dict(form_data(), status=forms.optional("status"))
    try:
        created = archive.create_institution(data, actor=current_staff(), lax=True)
    except AppError as exc:
        return forms.failed(
            "console/institution_form.html", exc, title="新建机构", i=None, **CHOICES
        )
    flash("已建档", "success")
    return redirect(url_for("console.institutions_detail", iid=created.id), code=303)


@roles_required(can="manage_archive")
def edit(iid):
    """The edit form of one archive entry."""
    body = archive.staff_detail(_get(iid), actor=current_staff())
    return pages.page("console/institution_form.html", title="编辑机构档案", i=body, **CHOICES)


@roles_required(can="manage_archive")
def update(iid):
    """Save the edit form (the list status changes only with a reason, elsewhere)."""
    institution = _get(iid)
    try:
        archive.update_institution(institution, form_data(), actor=current_staff(), lax=True)
    except AppError as exc:
        body = archive.staff_detail(_get(iid), actor=current_staff())
        return forms.failed(
            "console/institution_form.html", exc, title="编辑机构档案", i=body, **CHOICES
        )
    flash("已保存档案", "success")
    return redirect(url_for("console.institutions_detail", iid=iid), code=303)


@roles_required(can="manage_archive")
def change_status(iid):
    """Move the institution to another list with the reason, on the record."""
    institution = _get(iid)
    data = {"status": forms.text("status"), "reason": forms.text("reason")}
    try:
        archive.change_status(institution, data, actor=current_staff())
    except AppError as exc:
        return forms.failed("console/institution.html", exc, **_detail_context(_get(iid)))
    flash("已变更名单状态", "success")
    return redirect(url_for("console.institutions_detail", iid=iid), code=303)


@roles_required(can="manage_archive")
def import_page():
    """The upload form for an .xlsx or .csv archive file."""
    return pages.page("console/institution_import.html", title="批量导入机构", report=None)


@roles_required(can="manage_archive")
def import_upload():
    """Import the uploaded file: all rows or none; the per-row report when any row is bad."""
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise AppError("validation_error", errors={"file": "请选择要导入的 .xlsx 或 .csv 文件"})
        data = upload.read()
        upload.close()  # a large upload is spooled to a temporary file
        report = archive.import_file(upload.filename, data, actor=current_staff())
    except AppError as exc:
        if exc.code != "import_failed":
            return forms.failed(
                "console/institution_import.html", exc, title="批量导入机构", report=None
            )
        report = {**exc.extra, "errors": exc.errors}
    return pages.page(
        "console/institution_import.html",
        status=400 if report["errors"] else 200,
        title="批量导入机构",
        report=report,
        filename=upload.filename,
    )


def export():
    """The whole archive as .xlsx (default) or .csv."""
    data, media_type, filename = archive.export_archive(
        request.args.get("format", "xlsx"), actor=current_staff()
    )
    return attachment(data, media_type, filename)


LOOKUP_SHOWN = 8


def lookup():
    """The picker's search: a few matches for `q` as JSON {"items": [{"id", "name", ...}]}."""
    text = request.args.get("q", "").strip()[:50]
    if not text:
        return jsonify(items=[])
    found = archive.staff_search(q=text, per_page=LOOKUP_SHOWN, actor=current_staff())
    keep = ("id", "name", "district", "status_label")
    return jsonify(items=[{key: item.get(key) for key in keep} for item in found["items"]])


def code(iid):
    """The institution's 小程序码 (PNG, for download), or with ?poster=1 the A4 poster."""
    institution = archive.find_institution(object_id(iid), actor=current_staff())
    options = {"wechat": current_wechat(), "page": current_app.config["MP_INSTITUTION_PAGE"]}
    options["actor"] = current_staff()
    if request.args.get("poster") == "1":
        font = current_app.config.get("POSTER_FONT")
        png, name = archive.institution_poster(institution, font=font, **options), "poster"
    else:
        png, name = (
            archive.institution_code(institution, width=archive.DEFAULT_WIDTH, **options),
            "code",
        )
    headers = {"Content-Disposition": f'attachment; filename="{name}-{institution.id}.png"'}
    return Response(png, mimetype="image/png", headers=headers)


def register(blueprint):
    """Add this module's routes."""
    rule = blueprint.add_url_rule
    rule("/institutions", "institutions", index)
    rule("/institutions", "institutions_create", create, methods=["POST"])
    rule("/institutions/new", "institutions_new", new)
    rule("/institutions/import", "institutions_import", import_page)
    rule("/institutions/import", "institutions_import_upload", import_upload, methods=["POST"])
    rule("/institutions/export", "institutions_export", export)
    rule("/institutions/lookup", "institutions_lookup", lookup)
    rule("/institutions/<iid>", "institutions_detail", detail)
    rule("/institutions/<iid>/code", "institutions_code", code)
    rule("/institutions/<iid>/edit", "institutions_edit", edit)
    rule("/institutions/<iid>/edit", "institutions_update", update, methods=["POST"])
    rule("/institutions/<iid>/status", "institutions_status", change_status, methods=["POST"])
