"""What both REST APIs share: the Api factory with our error shape, JSON bodies, ids."""

import json
import logging

from bson import ObjectId
from flask import g, request
from flask_restx import Api
from werkzeug.exceptions import HTTPException

from server.errors import AppError

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "file_too_large",
    415: "unsupported_media_type",
}

AUTHORIZATIONS = {
    "bearer": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "Bearer <token>",
    }
}


def http_error_body(exc):
    """Our `{"code", "message"}` for a werkzeug HTTP error (404, 405, 413 ...)."""
    code = HTTP_CODES.get(exc.code, "bad_request" if (exc.code or 500) < 500 else "internal_error")
    return AppError(code).to_dict(), exc.code or 500


def unexpected_error_body(exc):
    """Log an unexpected exception with the request id; answer 500 without details."""
    log.error("unhandled error, request_id=%s", g.get("request_id", "-"), exc_info=exc)
    return AppError("internal_error").to_dict(), 500


def make_api(blueprint, *, title, description):
    """An Api on `blueprint` whose every error has our shape (restx's handlers bypassed)."""
    api = Api(
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
        return exc.to_dict(), exc.status

    @api.errorhandler(HTTPException)
    def _http_error(exc):
        return http_error_body(exc)

    @api.errorhandler(Exception)
    def _unexpected(exc):
        return unexpected_error_body(exc)

    return api


IDEMPOTENCY_HEADER = {
    "Idempotency-Key": {
        "in": "header",
        "type": "string",
        "description": "1 到 100 个可见 ASCII 字符；重试时沿用同一值，返回首次结果",
    }
}


def idempotency_key():
    """The request's Idempotency-Key header, or None (checked by services.idempotency)."""
    return request.headers.get("Idempotency-Key")


MAX_JSON_DEPTH = 20  # our deepest body (courses in an institution) nests 3 levels


def _depth(value):
    """How deeply `value` nests lists and objects (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def json_body():
    """The request's JSON object; 400 `malformed_json` if it is not one, if it nests deeper
    than MAX_JSON_DEPTH, or if a string in it is not valid Unicode (a lone surrogate such as
    "\\ud800" parses, but no store, hash or WeChat call can encode it)."""
    try:
        data = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, RecursionError):
        raise AppError("malformed_json") from None
    if not isinstance(data, dict) or _depth(data) > MAX_JSON_DEPTH:
        raise AppError("malformed_json")
    try:
        json.dumps(data, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise AppError("malformed_json") from None
    return data


def object_id(value):
    """`value` as an ObjectId; 404 when it cannot be one (a bad id names nothing)."""
    if not ObjectId.is_valid(value):
        raise AppError("not_found")
    return ObjectId(value)
