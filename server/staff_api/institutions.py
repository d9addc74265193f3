"""The institution archive for staff: admins write, every staff role reads."""

from flask import request
from flask_restx import Namespace, Resource
from werkzeug.datastructures import FileStorage

from server.api_schemas import body_schema, query_params
from server.api_support import (
    IDEMPOTENCY_HEADER,
    attachment,
    idempotency_key,
    json_body,
    object_id,
    uploaded_file,
)
from server.auth import current_staff, staff_required
from server.services import archive
from server.services.archive import InstitutionFields, StatusChangeInput
from server.services.common import remember, staff_owner
from server.services.directory import SearchArgs, parse_search
from server.staff_api import schemas

ns = Namespace("institutions", description="机构档案与黑白名单（管理员维护，其他角色只读）")

FIELDS_SCHEMA = body_schema(ns, InstitutionFields)
upload = ns.parser()
upload.add_argument("file", location="files", type=FileStorage, required=True)

SEARCH_PARAMS = query_params(SearchArgs)


@ns.route("")
class InstitutionList(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params=SEARCH_PARAMS)
    @ns.response(200, "one page", schemas.InstitutionPage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Search the archive (same modes and filters as the parents' search)."""
        return archive.staff_search(**parse_search(request.args), actor=current_staff())

    @staff_required(can="manage_archive")
    @ns.expect(FIELDS_SCHEMA)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "created", schemas.InstitutionDetail)
    @schemas.errors("conflict", *schemas.CREATE)
    def post(self):
        """Create an archive entry (admin)."""
        staff = current_staff()

        def create(unit):
            institution = archive.create_institution(json_body(), actor=staff, unit=unit)
            return archive.staff_detail(institution, actor=staff), 201

        return remember(staff_owner(staff), "institutions", idempotency_key(), create)


@ns.route("/import")
class InstitutionImport(Resource):
    method_decorators = [staff_required(can="manage_archive")]

    @ns.expect(upload)
    @ns.response(200, "imported", schemas.ImportResult)
    @ns.response(400, "import_failed / validation_error", schemas.ImportFailed)
    @schemas.errors("forbidden", "file_too_large", "body_too_large", *schemas.SIGNED_IN)
    def post(self):
        """Import an .xlsx or .csv file: all rows or none, with each bad row reported."""
        filename, data = uploaded_file()
        return archive.import_file(filename, data, actor=current_staff())


@ns.route("/export")
class InstitutionExport(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params={"format": "xlsx（默认）| csv"})
    @ns.produces([schemas.XLSX, "text/csv", "application/json"])  # errors: JSON
    @ns.response(200, "the file", schemas.File)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """The whole archive as .xlsx or .csv."""
        data, media_type, filename = archive.export_archive(
            request.args.get("format", "xlsx"), actor=current_staff()
        )
        return attachment(data, media_type, filename)


@ns.route("/<objectid:institution_id>")
class InstitutionDetail(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the entry", schemas.InstitutionDetail)
    @schemas.errors("not_found", *schemas.SIGNED_IN)
    def get(self, institution_id):
        """One archive entry with its full status history."""
        return archive.staff_detail(object_id(institution_id), actor=current_staff())

    @staff_required(can="manage_archive")
    @ns.expect(FIELDS_SCHEMA)
    @ns.response(200, "the entry", schemas.InstitutionDetail)
    @schemas.errors("not_found", "conflict", *schemas.ADMIN_WRITE)
    def patch(self, institution_id):
        """Change archive fields (admin); the list status has its own endpoint."""
        staff = current_staff()
        institution = archive.get_institution(object_id(institution_id), actor=staff)
        changed = archive.update_institution(institution, json_body(), actor=staff)
        return archive.staff_detail(changed, actor=staff)

    @staff_required(can="manage_archive")
    @ns.response(204, "removed")
    @schemas.errors("forbidden", "not_found", "conflict", *schemas.SIGNED_IN)
    def delete(self, institution_id):
        """Remove an entry made by mistake (admin); 409 while a complaint or rectification
        names it. Its cached 小程序码 go with it."""
        staff = current_staff()
        institution = archive.get_institution(object_id(institution_id), actor=staff)
        archive.remove_institution(institution, actor=staff)
        return "", 204


@ns.route("/<objectid:institution_id>/status")
class InstitutionStatus(Resource):
    method_decorators = [staff_required()]

    @staff_required(can="manage_archive")
    @ns.expect(body_schema(ns, StatusChangeInput))
    @ns.response(200, "the entry", schemas.InstitutionDetail)
    @schemas.errors("not_found", *schemas.ADMIN_WRITE)
    def post(self, institution_id):
        """Move the institution to another list, with the reason (admin)."""
        staff = current_staff()
        institution = archive.get_institution(object_id(institution_id), actor=staff)
        changed = archive.change_status(institution, json_body(), actor=staff)
        return archive.staff_detail(changed, actor=staff)
