"""In a real browser: open the queue and a complaint with photos, work it to the end, and
see what a second session and a handler of another queue get."""

import pytest

pytestmark = pytest.mark.browser


def take_action(page, action, **fields):
    """Open an action's panel on the complaint page, fill its fields, submit, wait."""
    panel = page.locator(f"#action-{action}")
    panel.locator("summary").click()
    for name, value in fields.items():
        control = panel.locator(f"[name={name}]")
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()


def timeline(page):
    """The parent-visible timeline's entries as text."""
    return page.locator("#timeline li").all_inner_texts()


def test_work_a_complaint_from_the_queue(signed_in, file_complaint, make_staff, screenshot):
    no = file_complaint(photos=2, contact_phone="13812345678")
    handler = make_staff("h_triage", ["handler"], ["triage"])
    page = signed_in("disp", ["dispatcher"])
    screenshot(page, "queue-page")

    page.click("[data-queue=triage]")
    assert page.locator("#complaints").inner_text().count(no) == 1
    page.click(f"text={no}")
    page.wait_for_url(f"**/console/complaints/{no}")

    thumbs = page.locator("#photos img")
    assert thumbs.count() == 2
    page.wait_for_function(
        "() => [...document.querySelectorAll('#photos img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert thumbs.first.evaluate("img => img.naturalWidth") == 400
    with page.context.expect_page() as opened:
        page.locator("#photos a.photo-link").first.click()
    full = opened.value
    full.wait_for_load_state()
    assert full.evaluate("() => document.images[0].naturalWidth") == 800
    full.close()

    assert len(timeline(page)) == 1
    take_action(page, "accept")
    assert "已完成：受理" in page.locator(".flash-success").inner_text()
    assert page.locator("#status").inner_text() == "已受理"
    assert len(timeline(page)) == 2
    take_action(page, "assign", assignee=str(handler.id))
    assert page.locator("#assignee").inner_text() == "h_triage"
    take_action(page, "reply", message="已派人到现场核查")
    assert "已派人到现场核查" in timeline(page)[-1]
    take_action(page, "resolve", outcome="substantiated", message="已责令停止违规收费")
    assert page.locator("#status").inner_text() == "已办结"
    entries = timeline(page)
    assert len(entries) == 5
    assert "已办结" in entries[-1]
    assert page.locator("#audit tbody tr").count() == 5  # submitted + four actions
    screenshot(page, "complaint-page")

    page.click("nav.mainnav >> text=统计")
    assert page.locator("#total").inner_text() == "1"
    assert page.locator("#chart-category svg rect").count() == 1
    screenshot(page, "stats-page")


def test_a_second_session_gets_the_conflict_message(signed_in, file_complaint):
    no = file_complaint()
    first = signed_in("disp1", ["dispatcher"])
    second = signed_in("disp2", ["dispatcher"])
    first.goto(f"/console/complaints/{no}")
    second.goto(f"/console/complaints/{no}")
    take_action(first, "accept")
    take_action(second, "reject", reason="与另一件重复")
    assert second.locator("#form-error").inner_text() == "该投诉已被他人更新，请刷新后再操作"
    assert second.locator("#status").inner_text() == "已受理"  # the page now shows what won
    assert second.locator("#action-reject textarea").input_value() == "与另一件重复"


def test_a_handler_cannot_open_a_complaint_outside_their_queue(signed_in, file_complaint):
    no = file_complaint()  # no routing rules: it waits in the triage queue
    page = signed_in("h_train", ["handler"], ["training"])
    assert page.locator("[data-queue=triage]").count() == 0
    page.goto("/console/complaints")
    assert no not in page.locator("#complaints").inner_text()
    response = page.goto(f"/console/complaints/{no}")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
