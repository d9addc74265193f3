"""Staff accounts: the system administrator creates, renames, disables; the security
administrator grants roles and queues, resets passwords and second factors, ends sessions.

Every change goes through the staff services (`create_staff`, `update_staff`), so the rules
(username format, password length, the last active admin, token revocation) are theirs.
"""

from flask import flash, redirect, request, url_for

from models.choices import STAFF_ROLES, WORK_ROLES
from server.api_support import object_id
from server.console import forms, pages
from server.console.signin import current_staff, roles_required
from server.errors import AppError
from server.services.admin import (
    active_queues,
    create_staff,
    end_sessions,
    get_staff,
    reset_mfa,
    staff_detail,
    staff_page,
    unlock,
    update_staff,
)
from server.services.common import page_args
from server.services.permissions import PERMISSIONS, may


def _list_context():
    page, per_page = page_args(request.args)
    result = staff_page(page, per_page, actor=current_staff())
    return {
        "title": "账号管理",
        "result": result,
        "roles": STAFF_ROLES,
        "queues": active_queues(),
        "can": {name: may(current_staff(), name) for name in PERMISSIONS},
        "work_roles": {code: STAFF_ROLES[code] for code in WORK_ROLES},
    }


@roles_required(can="list_staff")
def index():
    """Every account, and the form to create one."""
    return pages.page("console/accounts.html", **_list_context())


@roles_required(can="manage_accounts")
def create():
    """Create an account from the form."""
    try:
        staff = create_staff(
            actor=current_staff(),
            username=forms.text("username"),
            name=forms.text("name"),
            password=request.form.get("password", ""),
            roles=forms.checked("roles"),
            queues=forms.checked("queues"),
        )
    except AppError as exc:
        return forms.failed("console/accounts.html", exc, **_list_context())
    flash(f"已创建账号 {staff.username}", "success")
    return redirect(url_for("console.accounts_detail", staff_id=staff.id), code=303)


def _detail_context(staff):
    me = current_staff()
    return {
        "title": f"账号 {staff.username}",
        "account": staff_detail(staff),
        "roles": STAFF_ROLES,
        "queues": active_queues(),
        "can": {name: may(me, name) for name in PERMISSIONS},
    }


def _profile():
    """The profile form's fields the signed-in administrator may change."""
    data = {}
    if may(current_staff(), "manage_accounts"):
        data["name"] = forms.text("name")
    if may(current_staff(), "grant_roles"):
        data.update(roles=forms.checked("roles"), queues=forms.checked("queues"))
    return data


@roles_required(can="list_staff")
def detail(staff_id):
    """One account with its edit, password and enable/disable forms."""
    return pages.page(
        "console/account.html",
        **_detail_context(get_staff(object_id(staff_id), actor=current_staff())),
    )


def _unlock(staff_id):
    """Clear the account's sign-in failure counts (the same as POST /staff/{id}/unlock)."""
    staff = current_staff()
    unlock(get_staff(staff_id, actor=staff), actor=staff)


def _reset_mfa(staff_id):
    """Remove the account's second factor (the same as POST /staff/{id}/mfa/reset)."""
    staff = current_staff()
    reset_mfa(get_staff(staff_id, actor=staff), actor=staff)


def _end_sessions(staff_id):
    """End every session of the account (the same as POST /staff/{id}/sessions/end)."""
    staff = current_staff()
    end_sessions(get_staff(staff_id, actor=staff), actor=staff)


# form -> (the PATCH data it makes, or the action it runs; the message shown after it)
CHANGES = {
    "profile": (_profile, "已保存账号信息"),
    "password": (
        lambda: {"password": request.form.get("password", "")},
        "已重置密码，原登录已失效",
    ),
    "disable": (lambda: {"active": False}, "已停用账号，其登录立即失效"),
    "enable": (lambda: {"active": True}, "已启用账号"),
    "unlock": (_unlock, "已解除登录限制，该账号可立即重新登录"),
    "mfa_reset": (_reset_mfa, "已重置动态口令，该账号下次登录后须重新绑定"),
    "end_sessions": (_end_sessions, "已结束该账号的全部登录"),
}
ACTIONS = ("unlock", "mfa_reset", "end_sessions")  # forms that call a service, not PATCH


@roles_required(can="list_staff")
def change(staff_id, what):
    """Apply one of the account forms (profile, password, disable, enable, unlock, ...)."""
    if what not in CHANGES:
        raise AppError("not_found")
    make_data, done = CHANGES[what]
    staff_id = object_id(staff_id)
    try:
        if what in ACTIONS:
            make_data(staff_id)
        else:
            update_staff(staff_id, make_data(), actor=current_staff())
    except AppError as exc:
        return forms.failed(
            "console/account.html",
            exc,
            **_detail_context(get_staff(staff_id, actor=current_staff())),
        )
    flash(done, "success")
    return redirect(url_for("console.accounts_detail", staff_id=staff_id), code=303)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/accounts", "accounts", index)
    blueprint.add_url_rule("/accounts", "accounts_create", create, methods=["POST"])
    blueprint.add_url_rule("/accounts/<staff_id>", "accounts_detail", detail)
    blueprint.add_url_rule(
        "/accounts/<staff_id>/<what>", "accounts_change", change, methods=["POST"]
    )
