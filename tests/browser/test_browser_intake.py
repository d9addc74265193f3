"""In a real browser: record a phone complaint with the institution picker, see its channel
and cluster in the list, and handle a warning from the home and institution pages."""

from datetime import timedelta

import pytest

from server.clock import SHANGHAI
from tests.support.complaint_support import make_institution

pytestmark = pytest.mark.browser


def test_record_a_phone_complaint_and_see_it_in_the_list(
    signed_in, file_complaint, now, screenshot
):
    school = make_institution("启航英语培训学校", district="城关镇")
    file_complaint(school)  # a parent already reported the same institution's fees
    page = signed_in("disp", ["dispatcher"])
    page.goto("/console/complaints")
    with page.expect_navigation():
        page.click("#new-complaint")
    page.select_option("select[name=channel]", "phone")
    received = (now - timedelta(days=2)).astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=received_at]", received)
    page.fill("input[name=caller_name]", "张晓梅")
    page.fill("input[name=caller_phone]", "13900001111")
    page.fill("#intake-form .picker-input", "启航")
    page.click("#intake-form .picker-option")
    assert page.input_value("#intake-form .picker-value") == str(school.pk)
    page.select_option("select[name=category]", "fees")
    page.fill("textarea[name=description]", "家长来电：机构要求预交两年学费，现拒绝退费。")
    screenshot(page, "intake-form")
    with page.expect_navigation():
        page.click("#intake-form button[type=submit]")
    assert "已登记投诉" in page.locator(".flash-success").inner_text()
    assert "电话" in page.locator("#channel").inner_text()
    assert "张**" in page.locator("#caller").inner_text()
    assert "同类投诉 2 件" in page.locator("#cluster").inner_text()
    screenshot(page, "intake-complaint")
    page.goto("/console/complaints")
    rows = page.locator("#complaints tbody tr")
    assert rows.count() == 2
    assert sorted(rows.locator("td[data-label=来源]").all_inner_texts()) == ["小程序", "电话"]
    assert rows.locator("td[data-label=同类]").all_inner_texts() == ["2 件", "2 件"]
    screenshot(page, "list-channel-cluster")


def test_a_warning_on_the_home_page_is_acknowledged_then_closed(
    signed_in, file_complaint, screenshot
):
    school = make_institution("无证托管班", status="blacklist", district="城关镇")
    no = file_complaint(school, category="off_hours")
    page = signed_in("disp", ["dispatcher"])
    box = page.locator("#home-warnings")
    assert "无证托管班" in box.inner_text()
    assert no in box.inner_text()
    screenshot(page, "home-warnings")
    box.locator("input[name=note]").fill("已安排执法人员核查")
    with page.expect_navigation():
        box.locator("button:has-text('知悉')").click()
    assert "已知悉" in page.locator("#home-warnings").inner_text()
    with page.expect_navigation():
        page.click("#home-warnings a:has-text('无证托管班')")
    side = page.locator("#institution-warnings")
    assert "已安排执法人员核查" in side.inner_text()
    side.locator("input[name=note]").fill("已责令停止办学，家长已退费")
    with page.expect_navigation():
        side.locator("button:has-text('关闭')").click()
    assert "已关闭" in page.locator("#institution-warnings").inner_text()
    screenshot(page, "institution-warnings")
    page.goto("/console/")
    assert page.locator("#home-warnings").count() == 0
