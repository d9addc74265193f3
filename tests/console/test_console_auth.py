"""Console sign-in: login form, lockout, session cookie, CSRF, re-checks on every request."""

import pytest

from models.staff import Staff
from server.config import finalize
from tests.support.console_client import ConsoleClient, text_of


def test_anonymous_page_redirects_to_login_with_next(console):
    response = console.get("/console/complaints?status=submitted", status=302)
    assert response.headers["Location"] == (
        "/console/login?next=/console/complaints?status%3Dsubmitted"
    )


def test_login_form_signs_in_and_sets_a_safe_cookie(console, make_staff):
    make_staff("clerk", ["dispatcher"])
    response = console.login("clerk")
    assert response.headers["Location"] == "/console/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Path=/console" in cookie
    assert "Secure" not in cookie  # test profile runs on http
    page = console.page("/console/")
    assert "clerk" in page
    assert "受理分派员" in page


def test_production_cookie_is_secure():
    config = finalize(
        {
            "APP_ENV": "production",
            "MONGODB_URI": "mongodb://db",
            "SECRET_KEY": "x" * 40,
            "WECHAT_APPID": "wx1",
            "WECHAT_SECRET": "s",
            "PUBLIC_BASE_URL": "https://shuangjian.example.cn",
            "WECHAT_PUSH_TOKEN": "Q7pK2mX9vR4tL8wN3bY6cH1dF5gJ0sZa",
            "WECHAT_TEMPLATE_STATUS": "tmpl-status",
            "DATA_KEY": "bXVzdC1iZS10aGlydHktdHdvLWJ5dGVzLWxvbmcuLi4=",
        }
    )
    assert config["SESSION_COOKIE_SECURE"] is True
    assert finalize({"APP_ENV": "demo"})["SESSION_COOKIE_SECURE"] is False


def test_wrong_password_shows_401_message_then_locks(console, make_staff):
    make_staff("clerk", ["dispatcher"])
    for _ in range(5):
        response = console.login("clerk", "wrong-password", status=401)
        assert "用户名或密码错误" in text_of(response)
        assert 'value="clerk"' in text_of(response)
    response = console.login("clerk", status=429)
    assert "已临时锁定" in text_of(response)


def test_login_redirects_only_inside_the_console(console, make_staff):
    make_staff("clerk", ["dispatcher"])
    console.get("/console/login")
    for target, expected in [
        ("/console/institutions", "/console/institutions"),
        ("https://evil.example/console/", "/console/"),
        ("//evil.example/console/", "/console/"),
        ("/\\evil.example", "/console/"),
        ("/api/staff/v1/me", "/console/"),
    ]:
        response = console.post(
            "/console/login", {"username": "clerk", "password": "test-password", "next": target}
        )
        assert response.headers["Location"] == expected
        console.get("/console/")
        console.post("/console/logout")
        console.get("/console/login")


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_login_post_without_the_csrf_token_is_refused(console, make_staff, token):
    make_staff("clerk", ["dispatcher"])
    console.get("/console/login")
    form = {"username": "clerk", "password": "test-password"}
    if token is not None:
        form["csrf_token"] = token
    response = console.post("/console/login", form, csrf=False, status=400)
    assert "页面已过期" in text_of(response)
    assert response.mimetype == "text/html"
    console.get("/console/", status=302)  # not signed in


def test_post_without_a_session_token_is_refused(app, make_staff):
    make_staff("clerk", ["dispatcher"])
    fresh = ConsoleClient(app.test_client())  # never saw a form: no token in its session
    form = {"username": "clerk", "password": "test-password", "csrf_token": "guess"}
    fresh.post("/console/login", form, csrf=False, status=400)


def test_logout_needs_the_token_and_ends_the_session(console_login):
    browser = console_login("clerk", ["dispatcher"])
    browser.post("/console/logout", csrf=False, status=400)
    browser.get("/console/")  # still signed in
    browser.post("/console/logout")
    browser.get("/console/", status=302)


def test_disabled_account_is_signed_out_at_once(console_login):
    browser = console_login("clerk", ["dispatcher"])
    browser.get("/console/")
    Staff.objects(username="clerk").update_one(set__active=False, inc__token_version=1)
    response = browser.get("/console/", status=302)
    assert response.headers["Location"].startswith("/console/login")
    assert "登录已失效" in browser.page("/console/login")
    browser.get("/console/", status=302)


def test_password_change_ends_older_sessions(console_login):
    browser = console_login("clerk", ["dispatcher"])
    Staff.objects(username="clerk").update_one(inc__token_version=1)
    browser.get("/console/complaints", status=302)


def test_nav_follows_roles(console_login):
    admin = console_login("boss", ["admin"])
    page = admin.page("/console/")
    for item in ("工作台", "投诉列表", "机构档案", "整改台账", "统计", "公告", "账号管理"):
        assert item in page
    viewer = console_login("reader", ["viewer"])
    page = viewer.page("/console/")
    assert "统计" in page
    assert "公告" in page
    assert "账号管理" not in page
    viewer.get("/console/accounts", status=403)


def test_console_errors_are_pages_and_api_errors_stay_json(console_login):
    browser = console_login("clerk", ["dispatcher"])
    response = browser.get("/console/no-such-page", status=404)
    assert response.mimetype == "text/html"
    assert "页面不存在" in text_of(response)
    assert "clerk" in text_of(response)  # the nav still knows who is signed in
    api = browser.client.get("/api/staff/v1/no-such-thing")
    assert api.status_code == 404
    assert api.get_json()["code"] == "not_found"


def test_pages_send_protective_headers(console):
    response = console.get("/console/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
