"""Photos staff attach to a complaint they record (POST /uploads, then `photo_ids`)."""

from flask_restx import Namespace, Resource, reqparse
from werkzeug.datastructures import FileStorage

from server.api_support import uploaded_file
from server.auth import current_staff, staff_required
from server.services.photos import staff_upload_view, upload_staff_photo
from server.staff_api import schemas

ns = Namespace("uploads", description="工作人员上传投诉照片")

upload_form = reqparse.RequestParser()
upload_form.add_argument("file", type=FileStorage, location="files", required=True, help="图片")
MAX_BYTES = 10 * 1024 * 1024


@ns.route("")
class StaffUploads(Resource):
    method_decorators = [staff_required(can="enter_complaints")]

    @ns.expect(upload_form)
    @ns.response(201, "stored", schemas.StaffUpload)
    @schemas.errors(
        *("not_an_image", "corrupt_image", "image_too_large", "file_too_large", "busy"),
        *("too_many_parts", "body_too_large", "forbidden", "validation_error"),
        *schemas.SIGNED_IN,
    )
    def post(self):
        """Upload one photo (JPEG, PNG or WebP, at most 10 MB) to attach to a complaint."""
        _, data = uploaded_file(limit=MAX_BYTES + 1, missing="请上传图片（字段名 file）")
        photo = upload_staff_photo(current_staff(), data)
        return staff_upload_view(photo), 201
