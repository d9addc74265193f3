"""Console staff accounts: the admin creates and disables; the security admin changes roles
and queues, resets passwords and second factors, ends sessions."""

from models.staff import Staff
from tests.support.console_client import text_of


def account_url(username, what=""):
    staff = Staff.objects.get(username=username)
    return f"/console/accounts/{staff.id}" + (f"/{what}" if what else "")


def test_admin_creates_an_account_that_can_sign_in(console_login, console, demo_queues):
    admin = console_login("boss", ["admin"])
    admin.get("/console/accounts")
    response = admin.post(
        "/console/accounts",
        {
            "username": "h1",
            "name": "张三",
            "password": "Kettle-Lamp-42",
            "roles": ["handler"],
            "queues": ["training"],
        },
    )
    page = admin.page(response.headers["Location"])
    assert "已创建账号 h1" in page
    assert "下次登录须修改密码" in page
    console.login("h1", "Kettle-Lamp-42")  # first sign-in: the password page first
    assert "修改密码" in console.last_html
    console.get("/console/complaints", status=302)
    console.post(
        "/console/me/password", {"old_password": "Kettle-Lamp-42", "password": "Violet-Stone-77"}
    )
    assert "张三" in console.page("/console/")


def test_form_errors_are_shown_with_their_status(console_login, demo_queues):
    admin = console_login("boss", ["admin"])
    admin.get("/console/accounts")
    form = {"username": "h1", "name": "张三", "password": "short", "roles": ["handler"]}
    response = admin.post("/console/accounts", form, status=400)
    assert "密码至少 10 位" in text_of(response)
    assert 'value="h1"' in text_of(response)  # what was typed is kept
    form = {"username": "BOSS", "name": "重名", "password": "Kettle-Lamp-42", "roles": ["viewer"]}
    assert "用户名已存在" in text_of(admin.post("/console/accounts", form, status=409))
    form = {"username": "h2", "name": "x", "password": "Kettle-Lamp-42", "queues": ["nowhere"]}
    page = text_of(admin.post("/console/accounts", form, status=400))
    assert "角色必须是" in page


def test_disable_and_password_reset_end_the_users_console_session(console_login):
    clerk = console_login("clerk", ["dispatcher"])
    admin = console_login("boss", ["admin"])
    security = console_login("sec", ["security_admin"])
    security.get(account_url("clerk"))
    security.post(account_url("clerk", "password"), {"password": "New-Password-1"})
    clerk.get("/console/", status=302)
    clerk.login("clerk", "New-Password-1")
    clerk.post(
        "/console/me/password", {"old_password": "New-Password-1", "password": "New-Password-2"}
    )
    admin.get(account_url("clerk"))
    admin.post(account_url("clerk", "disable"))
    assert "已停用" in admin.page(account_url("clerk"))
    clerk.get("/console/", status=302)
    clerk.login("clerk", "New-Password-2", status=401)
    admin.post(account_url("clerk", "enable"))
    clerk.login("clerk", "New-Password-2")


def test_roles_and_queues_change(console_login, demo_queues):
    console_login("clerk", ["viewer"])
    admin = console_login("boss", ["admin"])
    admin.get(account_url("clerk"))
    admin.post(account_url("clerk", "profile"), {"name": "李四", "roles": ["handler"]})
    assert Staff.objects.get(username="clerk").roles == ["viewer"]  # not the admin's to grant
    security = console_login("sec", ["security_admin"])
    security.get(account_url("clerk"))
    form = {"name": "王五", "roles": ["handler", "dispatcher"], "queues": ["sports", "science"]}
    security.post(account_url("clerk", "profile"), form)
    clerk = Staff.objects.get(username="clerk")
    assert clerk.name == "李四"
    assert set(clerk.roles) == {"handler", "dispatcher"}
    assert {q.key for q in clerk.queues} == {"sports", "science"}


def test_the_last_admin_cannot_be_disabled(console_login):
    admin = console_login("boss", ["admin"])
    admin.get(account_url("boss"))
    response = admin.post(account_url("boss", "disable"), status=409)
    assert "至少要保留一名在用的管理员" in text_of(response)
    assert Staff.objects.get(username="boss").active


def test_only_admins_manage_accounts(console_login):
    console_login("boss", ["admin"])
    clerk = console_login("clerk", ["dispatcher"])
    clerk.get("/console/accounts", status=403)
    clerk.get(account_url("boss"), status=403)
    clerk.post(account_url("boss", "disable"), status=403)
    form = {"username": "x1", "name": "x", "password": "Kettle-Lamp-42", "roles": ["viewer"]}
    clerk.post("/console/accounts", form, status=403)
    assert Staff.objects.get(username="boss").active
    assert Staff.objects(username="x1").count() == 0
