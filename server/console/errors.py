"""HTML error pages for /console paths; every other path keeps the JSON error shape."""

import logging

from flask import g, request

from server.console import pages, secure_headers, signin

log = logging.getLogger(__name__)

TITLES = {
    400: "请求有误",
    403: "没有权限",
    404: "页面不存在",
    405: "不支持该操作",
    409: "内容已被更新",
    413: "文件过大",
    422: "无法执行",
    429: "请稍后再试",
}


def is_console_path():
    """Whether this request is for a console page."""
    return request.path == "/console" or request.path.startswith("/console/")


def html_for_console(json_handler):
    """Wrap an app-level JSON error handler: console paths get the same error as a page."""

    def handler(exc):
        body, status, *headers = json_handler(exc)
        headers = headers[0] if headers else {}
        if not is_console_path():
            return body, status, headers
        reasons = body.get("errors") if isinstance(body.get("errors"), dict) else {}
        page = error_page(status, body.get("message"), reasons)
        page.headers.update(headers)
        return page, status

    return handler


def error_page(status, message, reasons=None):
    """The error page; a plain-text page if even that cannot be drawn."""

    title = TITLES.get(status, "出错了" if status < 500 else "服务器内部错误")
    try:
        if "staff" not in g:  # an unknown path never ran the console's guard
            g.staff = signin.load_staff()
        html = pages.render(
            "console/error.html",
            title=title,
            status=status,
            message=message or title,
            reasons=[str(v) for v in (reasons or {}).values() if isinstance(v, str)],
        )
    except Exception:  # the error page must never fail
        log.exception("console error page failed")
        html = f"<!doctype html><meta charset=utf-8><title>{status}</title><p>{status} {title}</p>"
    return secure_headers(pages.html_response(html, status))
