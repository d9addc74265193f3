"""The rectification ledger (整改台账): open (挂账), list, close with evidence (销号).

Admins, dispatchers and handlers write; every staff member reads.
"""

from flask import Response, request
from flask_restx import Namespace, Resource
from werkzeug.datastructures import FileStorage

from server.api_schemas import body_schema, query_params
from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body, object_id
from server.auth import current_staff, staff_required
from server.services.common import (
    PageArgs,
    SizeArgs,
    page_args,
    paginate,
    photo_size,
    remember,
    staff_owner,
)
from server.services.photos import MAX_BYTES, evidence_image
from server.services.rectifications import (
    RectificationFilter,
    RectificationOpen,
    close_rectification,
    get_rectification,
    list_filter,
    open_rectification,
    rectification_detail,
    rectifications,
)
from server.staff_api import schemas

ns = Namespace("rectifications", description="整改台账：挂账、销号、逾期")


open_request = body_schema(ns, RectificationOpen)
close_form = ns.parser()
close_form.add_argument("evidence", location="form", required=True, help="整改完成情况说明")
close_form.add_argument(
    "photos", location="files", type=FileStorage, action="append", help="整改照片（最多 9 张）"
)


def _close_body():
    """The close request's evidence text and photo bytes, from a multipart form or JSON."""
    if request.mimetype == "multipart/form-data":
        # One byte past the limit is enough for process_photo to refuse a file as too large.
        photos = [f.read(MAX_BYTES + 1) for f in request.files.getlist("photos")]
        return request.form.get("evidence"), photos
    return json_body().get("evidence"), []


@ns.route("")
class RectificationList(Resource):
    @staff_required()
    @ns.doc(params={**query_params(RectificationFilter), **query_params(PageArgs)})
    @ns.response(200, "one page", schemas.RectificationPage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """The ledger, filtered by status and institution; open ones soonest due first."""
        page, per_page = page_args(request.args)
        found = rectifications(**list_filter(request.args), actor=current_staff())
        return paginate(found, page, per_page, rectification_detail)

    @staff_required(can="write_rectifications")
    @ns.expect(open_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "opened", schemas.Rectification)
    @schemas.errors("not_found", *schemas.CREATE)
    def post(self):
        """Open a rectification notice for an institution (挂账)."""
        staff = current_staff()

        def create(unit):
            rectification = open_rectification(json_body(), actor=staff, unit=unit)
            return rectification_detail(rectification), 201

        return remember(staff_owner(staff), "rectifications", idempotency_key(), create)


@ns.route("/<rectification_id>")
class RectificationItem(Resource):
    @staff_required()
    @ns.response(200, "the entry", schemas.Rectification)
    @schemas.errors("not_found", *schemas.SIGNED_IN)
    def get(self, rectification_id):
        """One ledger entry with its evidence."""
        return rectification_detail(
            get_rectification(object_id(rectification_id), actor=current_staff())
        )


@ns.route("/<rectification_id>/close")
class RectificationClose(Resource):
    @staff_required(can="write_rectifications")
    @ns.expect(close_form)
    @ns.response(200, "closed", schemas.Rectification)
    @schemas.errors(*schemas.CLOSE_ERRORS)
    def post(self, rectification_id):
        """Close with evidence (销号): multipart with `photos`, or JSON `{"evidence"}`."""
        rectification_id = object_id(rectification_id)
        evidence, photos = _close_body()
        closed = close_rectification(
            rectification_id, evidence=evidence, photos=photos, actor=current_staff()
        )
        return rectification_detail(closed)


@ns.route("/<rectification_id>/photos/<photo_id>")
class RectificationPhoto(Resource):
    @staff_required()
    @ns.doc(params=query_params(SizeArgs))
    @ns.produces(["image/jpeg", "application/json"])  # errors: JSON
    @ns.response(200, "JPEG", schemas.File)
    @schemas.errors("validation_error", "not_found", *schemas.SIGNED_IN)
    def get(self, rectification_id, photo_id):
        """One evidence photo as JPEG (staff only)."""
        rectification = get_rectification(object_id(rectification_id), actor=current_staff())
        image = evidence_image(rectification, photo_id, photo_size(request.args))
        return Response(image, mimetype="image/jpeg")
