"""One log line per request (method, path, status, duration, request id) and the log format.

Only the path is logged, never the query string, headers or body: tokens, login codes and
phone numbers travel there. The path is normalised first and a path that itself carries a
secret (the signed media link WeChat fetches a photo by, the parent's photo links) is
logged up to its prefix only, whatever its shape (server/log_redaction.py); every line the
app writes passes through the redacting formatter.
"""

import logging
import re
import sys
import time
import uuid

from flask import g, request

from server.log_redaction import RedactingFormatter, loggable_path

log = logging.getLogger("server.request")
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def configure_logger(app):
    """Log to stdout in one plain format at the configured level."""
    root = logging.getLogger()
    if not any(getattr(h, "_shuangjian", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        handler._shuangjian = True
        root.addHandler(handler)
    root.setLevel(app.config["LOG_LEVEL"])
    # urllib3 logs full URLs at DEBUG, and WeChat URLs carry access tokens and login codes.
    logging.getLogger("urllib3").setLevel(logging.WARNING)


def init_app(app):
    """Give each request an id and log it when the response leaves."""

    @app.before_request
    def _start():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def _log(response):
        duration_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        response.headers["X-Request-ID"] = g.get("request_id", "-")
        log.info(
            "%s %s %s %.1fms request_id=%s",
            request.method,
            loggable_path(request.path),
            response.status_code,
            duration_ms,
            g.get("request_id", "-"),
        )
        return response
