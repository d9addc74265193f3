"""In a real browser: enrol a second factor through the QR code page, sign out, sign in
with a code from the authenticator (computed with pyotp at the app's instant); and the new
pages as their users see them (password change, the auditor's audit list)."""

from datetime import timedelta

import pyotp
import pytest

from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_enrol_through_the_qr_page_then_sign_in_with_a_code(signed_in, clock, screenshot):
    page = signed_in("clerk", ["dispatcher"])
    page.click("nav.mainnav >> text=动态口令")
    page.click("button:has-text('开始绑定')")
    qr = page.locator("#mfa-qr")
    qr.wait_for()
    page.wait_for_function("document.getElementById('mfa-qr').naturalWidth > 100")
    screenshot(page, "mfa-enrol-qr")
    secret = page.locator("#mfa-secret").inner_text().strip()
    page.fill("input[name=code]", pyotp.TOTP(secret).at(clock.now()))
    page.click("button:has-text('完成绑定')")
    assert page.locator("#recovery-codes li").count() == 10
    screenshot(page, "mfa-recovery-codes")
    page.click("text=我已保存，继续")
    page.click("button:has-text('退出')")
    page.wait_for_url("**/console/login")

    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button:has-text('登录')")
    assert "动态口令" in page.locator("#form-error").inner_text()
    clock.advance(timedelta(seconds=30))  # the next code: the one used to enrol is spent
    page.fill("input[name=password]", TEST_PASSWORD)
    page.fill("input[name=otp]", pyotp.TOTP(secret).at(clock.now()))
    page.click("button:has-text('登录')")
    page.wait_for_url("**/console/")
    assert page.locator("nav.mainnav >> text=工作台").is_visible()


def test_the_password_and_audit_pages(signed_in, screenshot):
    page = signed_in("clerk", ["dispatcher"])
    page.goto("/console/me/password")
    page.fill("input[name=old_password]", TEST_PASSWORD)
    page.fill("input[name=password]", "password123")
    page.click("button:has-text('修改密码')")
    assert "至少 3 类" in page.locator("#form-error").inner_text()
    screenshot(page, "password-change-refused")
    auditor = signed_in("auditor", ["auditor"], create=True, wait="**/console/audit")
    assert auditor.locator("#audit-table tbody tr").count() >= 3
    auditor.click("button:has-text('校验完整性')")
    assert "校验通过" in auditor.locator("#audit-verdict").inner_text()
    screenshot(auditor, "security-audit")
