"""In a real browser: an admin creates a handler account and disables it; its session ends."""

import pytest

pytestmark = pytest.mark.browser


def test_admin_creates_then_disables_an_account(signed_in, open_session, demo_queues, screenshot):
    admin = signed_in("boss", ["admin"])
    admin.click("nav.mainnav >> text=账号管理")
    form = admin.locator("#create-account")
    form.locator("input[name=username]").fill("h_train")
    form.locator("input[name=name]").fill("王承办")
    form.locator("input[name=password]").fill("password-123")
    form.locator("input[name=roles][value=handler]").check()
    form.locator("input[name=queues][value=training]").check()
    form.locator("button[type=submit]").click()
    assert "已创建账号 h_train" in admin.locator(".flash-success").inner_text()
    screenshot(admin, "account-page")

    clerk = open_session()
    clerk.goto("/console/login")
    clerk.fill("input[name=username]", "h_train")
    clerk.fill("input[name=password]", "password-123")
    clerk.click("button:has-text('登录')")
    assert clerk.locator(".me-name").inner_text() == "王承办"

    admin.click("#disable-form button")  # the confirm dialog is accepted by the fixture
    assert "已停用账号" in admin.locator(".flash-success").inner_text()
    clerk.reload()
    assert "/console/login" in clerk.url
    assert "登录已失效" in clerk.locator(".flash").inner_text()
