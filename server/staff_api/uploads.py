"""Photos staff attach to a complaint they record (POST /uploads, then `photo_ids`)."""

from flask import request
from flask_restx import Namespace, Resource, reqparse
from werkzeug.datastructures import FileStorage

from server.auth import current_staff, staff_required
from server.errors import validation_error
from server.services.photos import staff_upload_view, upload_staff_photo
from server.staff_api import schemas

ns = Namespace("uploads", description="工作人员上传投诉照片")

upload_form = reqparse.RequestParser()
upload_form.add_argument("file", type=FileStorage, location="files", required=True, help="图片")
MAX_BYTES = 10 * 1024 * 1024


@ns.route("")
class StaffUploads(Resource):
    method_decorators = [staff_required("admin", "dispatcher")]

    @ns.expect(upload_form)
    @ns.response(201, "stored", schemas.StaffUpload)
    @schemas.errors(
        *("not_an_image", "corrupt_image", "image_too_large", "file_too_large", "busy"),
        *("too_many_parts", "body_too_large", "forbidden", "validation_error"),
        *schemas.SIGNED_IN,
    )
    def post(self):
        """Upload one photo (JPEG, PNG or WebP, at most 10 MB) to attach to a complaint."""
        file = request.files.get("file")
        if file is None:
            raise validation_error({"file": "请上传图片（字段名 file）"})
        data = file.read(MAX_BYTES + 1)
        file.close()
        photo = upload_staff_photo(current_staff(), data)
        return staff_upload_view(photo), 201
