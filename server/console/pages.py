"""Rendering helpers shared by every page: the nav for the account's roles, forms' CSRF token."""

from flask import g, make_response, render_template, request, session, url_for

from models.choices import STAFF_ROLES
from server.console.filters import LABEL_TABLES
from server.services.permissions import may

# (endpoint, label, permission needed to see it; None = every signed-in account)
NAV = (
    ("console.home", "工作台", "work"),
    ("console.complaints", "投诉列表", "work"),
    ("console.warnings", "风险预警", "work"),
    ("console.institutions", "机构档案", "work"),
    ("console.rectifications", "整改台账", "work"),
    ("console.stats", "统计", "work"),
    ("console.notices", "公告", "work"),
    ("console.privacy", "隐私指引", "manage_notices"),
    ("console.accounts", "账号管理", "list_staff"),
    ("console.audit", "安全审计", "read_audit"),
    ("console.me_password", "修改密码", None),
    ("console.me_mfa", "动态口令", None),
)


def nav_for(staff):
    """The nav items `staff` may open, each {"href", "label", "active"}."""
    if staff is None or session.get("scope"):
        return []
    items = []
    for endpoint, text, permission in NAV:
        if permission and not may(staff, permission):
            continue
        active = request.endpoint == endpoint or (request.endpoint or "").startswith(endpoint + "_")
        items.append({"href": url_for(endpoint), "label": text, "active": active})
    return items


def render(template, **context):
    """Render a console template with the signed-in account, its nav and the CSRF token."""
    staff = g.get("staff")
    context.setdefault("title", "")
    return render_template(
        template,
        me=staff,
        my_roles="、".join(STAFF_ROLES.get(r, r) for r in (staff.roles if staff else [])),
        nav=nav_for(staff),
        tables=LABEL_TABLES,
        **context,
    )


def html_response(html, status=200):
    """An HTML response with the given status."""
    response = make_response(html, status)
    response.mimetype = "text/html"
    return response


def page(template, status=200, **context):
    """Render and wrap in one step."""
    return html_response(render(template, **context), status)


def error_text(exc):
    """An AppError as one line for a page: each field's reason, or its message."""
    errors = exc.errors if isinstance(exc.errors, dict) else {}
    reasons = [str(reason) for reason in errors.values() if isinstance(reason, str)]
    return "；".join(reasons) if reasons else exc.message
