"""What both REST APIs share: the Api factory with our error shape, JSON bodies, ids."""

import json
import logging

from bson import ObjectId
from flask import Response, g, request
from flask_restx import Api
from mongoengine.errors import NotUniqueError
from pymongo.errors import ConnectionFailure, DuplicateKeyError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, RequestEntityTooLarge
from werkzeug.routing import BaseConverter

from server.errors import BUSY_MESSAGE, AppError, validation_error
from server.metrics.instruments import STORE_UNAVAILABLE

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",  # a photo over its own limit is `file_too_large`, said where it is read
    415: "unsupported_media_type",
}

JSON_MAX_BYTES = 1024 * 1024  # the largest body we take (routing rules, an institution) is KBs
JSON_MAX_DEPTH = 20  # our deepest body (institution > courses > course > grades) is 4 deep

AUTHORIZATIONS = {
    "bearer": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "Bearer <token>",
    }
}


def http_error_body(exc):
    """Our `{"code", "message"}` for a werkzeug HTTP error (404, 405, 413 ...), with the
    headers it owes (`Allow` on a 405)."""
    code = HTTP_CODES.get(exc.code, "bad_request" if (exc.code or 500) < 500 else "internal_error")
    if exc.code == 413 and too_many_parts(exc):
        code = "too_many_parts"
    headers = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    return AppError(code).to_dict(), exc.code or 500, headers


def too_many_parts(exc):
    """Whether werkzeug's 413 came from its multipart part counter (`max_form_parts`).

    Werkzeug raises the same RequestEntityTooLarge for a body over the byte limit, a form
    field over the memory limit and too many parts; only the part counter raises it from
    the decoder's `next_event`, so the innermost frame tells them apart.
    """
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_name == "next_event"


def unexpected_error_body(exc):
    """Log an unexpected exception with the request id; answer 500 without details."""
    log.error("unhandled error, request_id=%s", g.get("request_id", "-"), exc_info=exc)
    return AppError("internal_error").to_dict(), 500


DUPLICATE_ERRORS = (DuplicateKeyError, NotUniqueError)


def store_unavailable(exc):
    """503 `busy` with Retry-After for a store that stayed unavailable through the driver's
    retry (an election, a dropped connection): the client tries again in a moment."""
    STORE_UNAVAILABLE.inc()
    log.warning(
        "store unavailable (%s), request_id=%s", type(exc).__name__, g.get("request_id", "-")
    )
    return AppError("busy", BUSY_MESSAGE)


def store_unavailable_body(exc):
    """The app-level handler's (body, status, headers) for a store that is down."""
    error = store_unavailable(exc)
    return error.to_dict(), error.status, error.headers


def duplicate_error_body(exc):
    """409 `duplicate` for a unique index that refused a write, naming the fields (not values)."""
    cause = exc if isinstance(exc, DuplicateKeyError) else (exc.__cause__ or exc.__context__)
    pattern = (getattr(cause, "details", None) or {}).get("keyPattern") or {}
    error = AppError("duplicate", errors={field: "已存在" for field in pattern} or None)
    log.info("unique index refused a write, request_id=%s", g.get("request_id", "-"))
    return error.to_dict(), error.status


class QuietApi(Api):
    """restx's Api, answering our own AppError without a traceback in the log: a deliberate
    503 (`busy`, `wechat_unavailable`) is one warning line, not an incident."""

    def handle_error(self, e):
        """An AppError is answered as it says; anything else as restx does."""
        if isinstance(e, ConnectionFailure):
            e = store_unavailable(e)
        if not isinstance(e, AppError):
            return super().handle_error(e)
        if e.status >= 500:
            log.warning("answered %s %s, request_id=%s", e.status, e.code, g.get("request_id", "-"))
        return self.make_response(e.to_dict(), e.status, e.headers)


def make_api(blueprint, *, title, description):
    """An Api on `blueprint` whose every error has our shape (restx's handlers bypassed)."""
    api = QuietApi(
        blueprint,
        title=title,
        version="1.0",
        description=description,
        doc="/docs",
        authorizations=AUTHORIZATIONS,
        security="bearer",
    )

    @api.errorhandler(AppError)
    def _app_error(exc):
        return exc.to_dict(), exc.status, exc.headers

    @api.errorhandler(HTTPException)
    def _http_error(exc):
        return http_error_body(exc)

    for duplicate in DUPLICATE_ERRORS:  # before Exception: restx takes the first match
        api.errorhandler(duplicate)(duplicate_error_body)

    @api.errorhandler(Exception)
    def _unexpected(exc):
        return unexpected_error_body(exc)

    return api


IDEMPOTENCY_HEADER = {
    "Idempotency-Key": {
        "in": "header",
        "type": "string",
        "pattern": "^[\\x21-\\x7e]{1,100}$",
        "minLength": 1,
        "maxLength": 100,
        "description": "1 到 100 个可见 ASCII 字符；重试时沿用同一值，返回首次结果",
    }
}


def idempotency_key():
    """The request's Idempotency-Key header, or None (checked by services/common/idempotency.py)."""
    return request.headers.get("Idempotency-Key")


def json_body():
    """The request's JSON object; 400 `malformed_json` if it is not one, or if a string in it
    is not valid Unicode (a lone surrogate such as "\\ud800" parses, but no store, hash or
    WeChat call can encode it); 413 `body_too_large` over JSON_MAX_BYTES."""
    data = _parsed_json()
    if not isinstance(data, dict) or _deeper_than(data, JSON_MAX_DEPTH):
        raise AppError("malformed_json")
    try:
        json.dumps(data, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise AppError("malformed_json") from None
    return data


def _parsed_json():
    """The body parsed as JSON, or None when it is not JSON or nests past the parser's
    recursion limit (a RecursionError, not a ValueError, which Flask would let through)."""
    if (request.content_length or 0) > JSON_MAX_BYTES:
        raise AppError("body_too_large")
    # A chunked body has no length to check: read one byte past the limit to tell.
    request.max_content_length = JSON_MAX_BYTES + 1
    try:
        raw = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise AppError("body_too_large") from None
    if len(raw) > JSON_MAX_BYTES:
        raise AppError("body_too_large")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def _deeper_than(value, limit):
    """Whether containers nest in `value` more than `limit` levels (walked without recursion)."""
    level = [value]
    for _ in range(limit):
        level = [
            child
            for item in level
            if isinstance(item, dict | list)
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        level = [item for item in level if isinstance(item, dict | list)]
        if not level:
            return False
    return True


def object_id(value):
    """`value` as an ObjectId; 404 when it cannot be one (a bad id names nothing)."""
    if not ObjectId.is_valid(value):
        raise AppError("not_found")
    return ObjectId(value)


class ObjectIdConverter(BaseConverter):
    """A path segment that can be an ObjectId (24 hex digits): `/institutions/import` is then
    never also read as `/institutions/<id>`, so OPTIONS and 405 name only the real methods."""

    regex = "[0-9a-fA-F]{24}"


def uploaded_file(field="file", *, limit=-1, missing="请上传文件（字段名 file）"):
    """(filename, bytes) of the multipart upload `field` (at most `limit` bytes read, to
    tell a too-large file apart); 400 naming the field when there is none."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise validation_error({field: missing})
    data = upload.read(limit)
    upload.close()  # a large upload is spooled to a temporary file
    return upload.filename, data


def attachment(data, media_type, filename):
    """A file to download, named `filename`, never cached."""
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
    return Response(data, mimetype=media_type, headers=headers)
