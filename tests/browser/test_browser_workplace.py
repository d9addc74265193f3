"""The console as a daily workplace, in a real browser: a dispatcher's morning, a handler's
day, an admin's rectification picked by name, an exported list, and every main page on a
390 px phone without sideways scrolling."""

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from server.deadline_context import deadlines_of
from server.services.demo.complaints import seed_demo_complaints
from server.services.demo.county import seed_directory, seed_staff
from server.services.demo.routing_defaults import seed_demo_rules
from server.services.directory import sync as directory_sync
from tests.browser.conftest import OUTPUT, PHONE
from tests.browser.test_browser_complaint import take_action
from tests.conftest import TEST_PASSWORD
from tests.support.complaint_support import make_institution

pytestmark = pytest.mark.browser
NOW = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)  # the demo's history is told up to here


def rows(page, worklist):
    """The tracking numbers of a home worklist, top first."""
    return page.locator(f"#list-{worklist} li[data-no]").evaluate_all(
        "items => items.map(item => item.dataset.no)"
    )


def test_a_dispatchers_morning(signed_in, make_staff, file_complaint, screenshot):
    handler = make_staff("h_triage", ["handler"], ["triage"])
    handler.update(set__name="张承办")
    page = signed_in("disp", ["dispatcher"])
    no = file_complaint(photos=1)  # a parent submits through the mini-program API
    page.reload()
    assert rows(page, "submitted") == [no]
    assert page.locator("#list-submitted .count-badge").inner_text() == "1"
    screenshot(page, "home-dispatcher")
    page.click(f"#list-submitted >> text={no}")
    take_action(page, "accept_assign", assignee=str(handler.id))
    assert page.locator("#status").inner_text() == "办理中"
    assert page.locator("#assignee").inner_text() == "张承办"
    assert "受理并分派" in page.locator("#audit").inner_text()
    page.goto("/console/")
    assert rows(page, "submitted") == []


def test_a_handlers_day(signed_in, make_staff, file_complaint, login_parent, login_staff):
    handler = make_staff("h_triage", ["handler"], ["triage"])
    dispatcher = login_staff("disp", ["dispatcher"])
    first, second = file_complaint(), file_complaint(code="parent-code-b")
    for no in (first, second):
        body = {"action": "accept_assign", "version": 1, "assignee": str(handler.id)}
        dispatcher.post(f"/api/staff/v1/complaints/{no}/actions", json=body)
    page = signed_in("h_triage", create=False)
    assert rows(page, "mine") == [first, second]
    supplement = {"text": "补充：机构今天又发了催缴通知。"}
    login_parent("parent-code-b").post(
        f"/api/mp/v1/complaints/{second}/supplements", json=supplement, status=201
    )
    page.reload()
    assert rows(page, "mine") == [second, first]
    assert "家长有新消息" in page.locator(f"#list-mine li[data-no={second}]").inner_text()
    page.click(f"#list-mine >> text={second}")
    assert "机构今天又发了催缴通知" in page.locator("#photos").inner_text()
    take_action(page, "reply", message="已收到补充材料，正在核查")
    take_action(page, "resolve", outcome="substantiated", message="已责令退费")
    assert page.locator("#status").inner_text() == "已办结"
    assert page.locator("#rating-wait").inner_text() == "等待家长评价（剩 7 天）"
    page.goto("/console/")
    assert rows(page, "mine") == [first]


def test_an_admin_opens_a_rectification_by_the_institutions_name(signed_in, screenshot):
    make_institution("阳光学科培训中心")
    make_institution("阳光体育俱乐部", kind="non_subject", category="sports")
    directory_sync.rebuild()
    page = signed_in()
    page.goto("/console/rectifications/new")
    page.fill(".picker-input", "阳光学科")
    option = page.locator(".picker-option", has_text="阳光学科培训中心")
    option.click()
    page.fill("textarea[name=problems]", "预收费超过三个月")
    page.fill("textarea[name=requirements]", "限期退还超期费用")
    page.fill("input[name=due_date]", "2099-12-31")
    page.fill("input[name=summary]", "预收费超期，限期整改")
    screenshot(page, "rectification-picker")
    with page.expect_navigation():
        page.click("button:has-text('开具')")
    assert "已开具整改通知" in page.locator(".flash-success").inner_text()
    assert "阳光学科培训中心" in page.locator("main").inner_text()


def test_the_filtered_list_exports_to_excel(signed_in, file_complaint):
    fees = file_complaint()
    safety = file_complaint(code="parent-code-b", category="safety")
    page = signed_in("disp", ["dispatcher"])
    page.goto("/console/complaints")
    page.select_option("select[name=category]", "safety")
    with page.expect_navigation():
        page.click("#complaint-filters button[type=submit]")
    assert "category=safety" in page.url
    assert page.locator("#complaints tbody tr").count() == 1
    with page.expect_download() as download:
        page.click("#export")
    OUTPUT.mkdir(exist_ok=True)
    saved = OUTPUT / "complaints-filtered.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(io.BytesIO(saved.read_bytes())).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == [safety]
    assert fees not in numbers


@pytest.fixture
def demo_at_now(app):
    """The demo county told up to NOW, and the app clock standing at NOW while it is shown."""
    seed_staff(TEST_PASSWORD)
    seed_directory(30)
    seed_demo_rules()
    seed_demo_complaints(
        app.config, wechat=app.extensions["wechat"], deadlines=deadlines_of(app), now=NOW
    )
    yield lambda: app.extensions["clock"].set(NOW, frozen=True)
    app.extensions["clock"].reset()


def test_every_main_page_fits_a_phone(demo_at_now, signed_in, screenshot):
    page = signed_in("admin", create=False, viewport=PHONE, is_mobile=True, has_touch=True)
    demo_at_now()  # signed in by the wall clock; the pages read the demo's own morning
    assert not page.locator("#mainnav").is_visible()
    page.click(".nav-toggle")
    page.locator("button:has-text('退出')").wait_for(state="visible")
    page.click("#mainnav >> text=投诉列表")
    complaint = page.locator("#complaints tbody a").first.get_attribute("href")
    page.goto("/console/institutions")
    institution = page.locator("#institutions tbody a, table.grid tbody a").first.get_attribute(
        "href"
    )
    pages = {
        "home": "/console/",
        "complaints": "/console/complaints",
        "complaint": complaint,
        "institutions": "/console/institutions",
        "institution": institution,
        "rectifications": "/console/rectifications",
        "rectification-new": "/console/rectifications/new",
        "stats": "/console/stats",
        "notices": "/console/notices",
        "accounts": "/console/accounts",
    }
    for name, path in pages.items():
        page.goto(path)
        width = page.evaluate(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert width[0] <= width[1], (name, width)
        screenshot(page, f"phone-{name}")
    page.goto(complaint)
    page.click(".jump-to-actions")
    page.locator("#actions details.action").first.wait_for(state="visible")
