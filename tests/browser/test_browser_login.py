"""In a real browser: sign in, see the nav for the role, sign out; wrong password shown."""

import pytest

from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_sign_in_and_out(signed_in):
    page = signed_in("clerk", ["dispatcher"])
    nav = page.locator("nav.mainnav")
    assert nav.locator("text=工作台").is_visible()
    assert nav.locator("text=账号管理").count() == 0
    page.click("button:has-text('退出')")
    page.wait_for_url("**/console/login")
    page.goto("/console/complaints")
    assert "/console/login" in page.url


def test_wrong_password_message_on_the_form(open_session, make_staff):
    make_staff("clerk", ["dispatcher"])
    page = open_session()
    page.goto("/console/login")
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", TEST_PASSWORD + "x")
    page.click("button:has-text('登录')")
    assert page.locator("#form-error").inner_text() == "用户名或密码错误"
