"""Console statistics: the service's figures drawn as charts, the ledger download, scopes."""

import io
import re

from openpyxl import load_workbook

from tests.support.console_client import text_of


def bar_value(page, chart, text):
    """The number printed after the bar labelled `text` in one chart's SVG."""
    svg = page[page.index(f'id="chart-{chart}"') :].split("</svg>")[0]
    match = re.search(re.escape(text) + r"：(\d+)</title>", svg)
    return int(match.group(1)) if match else None


def test_figures_and_charts_of_the_period(console_login, file_complaint):
    for code in ("parent-code-a", "parent-code-b"):
        file_complaint(code=code, category="fees")
    file_complaint(code="parent-code-c", category="safety")
    page = console_login("reader", ["viewer"]).page("/console/stats")
    assert '<div class="count" id="total">3</div>' in page
    assert bar_value(page, "category", "违规收费") == 2
    assert bar_value(page, "category", "安全隐患") == 1
    assert bar_value(page, "status", "待受理") == 3
    assert bar_value(page, "queue", "综合受理") == 3
    assert bar_value(page, "institution", "无名补习班") == 3
    assert "暂无数据" in page[page.index('id="chart-satisfaction"') :]  # nobody rated yet


def test_a_handler_sees_own_queues_and_cannot_export(console_login, file_complaint):
    file_complaint()
    handler = console_login("h1", ["handler"], ["training"])
    page = handler.page("/console/stats")
    assert "仅您负责的队列" in page
    assert '<div class="count" id="total">0</div>' in page
    assert "ledger-xlsx" not in page
    handler.get("/console/stats/ledger", status=403)


def test_the_ledger_downloads_as_excel_and_csv(console_login, file_complaint):
    numbers = {
        file_complaint(code=code, contact_phone="13812345678")
        for code in ("parent-code-a", "parent-code-b")
    }
    dispatcher = console_login("disp", ["dispatcher"])
    page = dispatcher.page("/console/stats")
    href = re.search(r'href="([^"]+)" class="button" id="ledger-xlsx"', page).group(1)
    response = dispatcher.get(href.replace("&amp;", "&"))
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert {row[0] for row in rows[1:]} == numbers
    csv = dispatcher.get("/console/stats/ledger?format=csv").get_data(as_text=True)
    assert all(no in csv for no in numbers)
    assert "13812345678" not in csv
    assert not any("13812345678" in str(cell) for row in rows for cell in row)


def test_a_bad_period_is_a_400_page(console_login):
    viewer = console_login("reader", ["viewer"])
    page = text_of(viewer.get("/console/stats?from=2026-13-01", status=400))
    assert "日期应为 YYYY-MM-DD" in page
    page = text_of(viewer.get("/console/stats?from=2026-03-02&to=2026-03-01", status=400))
    assert "开始日期不能晚于结束日期" in page
