"""Photos: the parent's upload, their own photos, and the signed link WeChat's check fetches."""

import io

from flask import Response, current_app, request
from flask_restx import Namespace, Resource, reqparse
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import parse_form_data

from mini_program_api import schemas
from server.api_schemas import query_params
from server.api_support import too_many_parts
from server.auth import current_parent, parent_required
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services.caps import CapSettings
from server.services.common import SizeArgs, photo_size
from server.services.photos import (
    MAX_BYTES,
    MediaLinks,
    PhotoLinks,
    media_link_jpeg,
    parent_link_jpeg,
    photo_for_owner,
    read_photo,
    upload_item,
    upload_photo,
)
from server.wechat import current_wechat

MAX_FORM_PARTS = 20  # one file and a few fields; more is not a photo upload
ns = Namespace("photos", path="/", description="图片上传与查看")

upload_form = reqparse.RequestParser()
upload_form.add_argument("file", type=FileStorage, location="files", required=True, help="图片")


def media_links():
    """The signed media links of this app (secret, public base URL, lifetime)."""
    return MediaLinks.from_config(current_app.config)


def photo_links():
    """The signed links the parent's mini-program shows photos by."""
    return PhotoLinks.from_config(current_app.config)


def _in_memory(total_content_length, content_type, filename, content_length=None):
    """Keep an uploaded part in memory: a photo (GPS position and all) never touches disk."""
    return io.BytesIO()


def uploaded_bytes():
    """The bytes of multipart field `file` (at most 10 MB + 1, to tell "too large" apart)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    # Refuse an announced oversize body before reading any of it.
    if (request.content_length or 0) > limit:
        raise AppError("file_too_large")
    # Werkzeug would spool parts over 500 KB to a temporary file; parse in memory instead.
    try:
        _, _, files = parse_form_data(
            request.environ,
            stream_factory=_in_memory,
            max_content_length=limit,
            max_form_parts=MAX_FORM_PARTS,
        )
    except RequestEntityTooLarge as exc:
        raise AppError("too_many_parts" if too_many_parts(exc) else "file_too_large") from None
    upload = files.get("file")
    if upload is None:
        raise validation_error({"file": "请选择要上传的图片"})
    return upload.stream.read(MAX_BYTES + 1)


def jpeg(data, *, cache):
    """An image/jpeg response."""
    return Response(data, mimetype="image/jpeg", headers={"Cache-Control": cache})


@ns.route("/uploads")
class Uploads(Resource):
    method_decorators = [parent_required]

    @ns.expect(upload_form)
    @ns.response(201, "stored", schemas.Upload)
    @schemas.errors(*schemas.UPLOAD_ERRORS)
    def post(self):
        """Upload one photo (JPEG, PNG or WebP, at most 10 MB); the same bytes give the same id."""
        config = current_app.config
        photo = upload_photo(
            current_parent(),
            uploaded_bytes(),
            wechat=current_wechat(),
            media_links=media_links(),
            per_window=config["UPLOADS_PER_WINDOW"],
            window_minutes=config["UPLOAD_WINDOW_MINUTES"],
            caps=CapSettings.from_config(config),
            address=request.remote_addr,
        )
        return upload_item(photo), 201


@ns.route("/photos/<string:photo_id>")
class OwnPhoto(Resource):
    method_decorators = [parent_required]

    @ns.doc(params=query_params(SizeArgs))
    @ns.produces(["image/jpeg", "application/json"])  # errors: JSON
    @ns.response(200, "JPEG", schemas.File)
    @schemas.errors("validation_error", "unauthorized", "invalid_token", "not_found")
    def get(self, photo_id):
        """One of the parent's own photos as JPEG (`size=full|thumb`)."""
        size = photo_size(request.args)
        photo = photo_for_owner(current_parent(), photo_id)
        return jpeg(read_photo(photo, size), cache="private, max-age=86400")


@ns.route("/media/<string:token>")
class MediaLink(Resource):
    @ns.produces(["image/jpeg", "application/json"])  # errors: JSON
    @ns.doc(security=[])
    @ns.response(200, "JPEG", schemas.File)
    @schemas.errors("not_found")
    def get(self, token):
        """A photo for WeChat's content check, by a signed link that expires."""
        return jpeg(media_link_jpeg(token, links=media_links()), cache="no-store")


@ns.route("/images/<string:token>")
class PhotoLink(Resource):
    @ns.produces(["image/jpeg", "application/json"])  # errors: JSON
    @ns.doc(security=[])
    @ns.response(200, "JPEG", schemas.File)
    @schemas.errors("not_found")
    def get(self, token):
        """A parent's photo by the signed, expiring link of its complaint detail (no header)."""
        body = parent_link_jpeg(token, links=photo_links(), now=utcnow())
        return jpeg(body, cache="private, max-age=600")
