"""In a real browser: import an institutions file with a bad row, read the report, fix it."""

import pytest

from models.institution import Institution
from tests.support.directory_helpers import credit_code

pytestmark = pytest.mark.browser

HEADER = "机构名称,统一社会信用代码,类型,类别,乡镇街道\n"


def upload(page, text):
    """Choose a CSV file with `text` on the import form and submit it."""
    page.set_input_files(
        "#import-form input[name=file]",
        files=[{"name": "机构名录.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}],
    )
    with page.expect_navigation():
        page.click("#import-form button[type=submit]")


def test_import_with_a_bad_row_shows_the_report(signed_in, screenshot):
    page = signed_in("boss", ["admin"])
    page.click("nav.mainnav >> text=机构档案")
    page.click("text=批量导入")
    good = f"阳光书院,{credit_code(3)},学科类,,城关镇\n"
    upload(page, HEADER + good + "月亮书院,123456,学科类,,城关镇\n")
    report = page.locator("#import-report")
    assert "共有 1 处错误，未导入任何数据" in report.locator("h2").inner_text()
    cells = page.locator("#import-errors tbody tr").first.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "统一社会信用代码"]
    assert "无效" in cells[2]
    screenshot(page, "import-report")
    assert Institution.objects.count() == 0

    upload(page, HEADER + good + "月亮书院,,学科类,,城关镇\n")
    assert "新建 2 家" in page.locator("#import-report h2").inner_text()
    page.click("text=查看机构档案")
    assert "月亮书院" in page.locator("#institutions").inner_text()
