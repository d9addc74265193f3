"""POST /institutions/import, GET /institutions/export and `flask import-institutions`."""

import csv
import io

import pytest
from openpyxl import load_workbook

from models.institution import Institution
from tests.support import sheets
from tests.support.directory_helpers import PUBLIC, STAFF, create, credit_code, names
from tests.support.sheets import ARCHIVE_HEADERS

HEADERS = ARCHIVE_HEADERS
GOOD_ROWS = [
    ["启航英语培训学校", credit_code(1), "学科类", None, "城关街道", 29.08, 119.64, "白名单"],
    [
        "博雅书法艺术中心",
        credit_code(2),
        "非学科类",
        "文化艺术类",
        "河口镇",
        29.1,
        119.7,
        "blacklist",
    ],
]


def xlsx(rows, headers=HEADERS):
    """An .xlsx file's bytes."""
    return sheets.xlsx(headers, rows)


def csv_bytes(rows, headers=HEADERS, encoding="utf-8-sig"):
    """A .csv file's bytes."""
    return sheets.csv_bytes(headers, rows, encoding)


def upload(admin, data, filename="archive.xlsx", status=200):
    return admin.post(
        f"{STAFF}/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        status=status,
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (xlsx(GOOD_ROWS), "archive.xlsx"),
        (csv_bytes(GOOD_ROWS), "archive.csv"),
        (csv_bytes(GOOD_ROWS, encoding="gb18030"), "archive.CSV"),  # Excel's Chinese CSV
    ],
)
def test_import_creates_and_the_directory_serves_it(admin, client, data, filename):
    assert upload(admin, data, filename) == {"created": 2, "updated": 0, "errors": []}
    assert names(client.get(PUBLIC, query_string={"q": "shufa"})) == ["博雅书法艺术中心"]
    row = client.get(PUBLIC, query_string={"q": "qhyy"})["items"][0]
    assert row["status"] == "whitelist"
    assert row["location"] == {"lat": 29.08, "lng": 119.64}
    calligraphy = Institution.objects.get(name="博雅书法艺术中心")
    assert (calligraphy.category, calligraphy.status) == ("arts", "blacklist")
    assert calligraphy.status_history[0].by == "admin"


def test_a_bad_row_stores_nothing_and_names_row_and_field(admin):
    rows = GOOD_ROWS + [
        ["坏机构", "91330723MA2B3C4D5E", "学科类", None, "城关街道", 29.0, 119.0, "白名单"],
        [None, credit_code(4), "外星类", None, None, 200, 119.0, "灰名单"],
    ]
    answer = upload(admin, xlsx(rows), status=400)
    assert answer["code"] == "import_failed"
    assert answer["created"] == answer["updated"] == 0
    found = {(e["row"], e["field"]) for e in answer["errors"]}
    assert found == {(4, "credit_code"), (5, "name"), (5, "kind"), (5, "location"), (5, "status")}
    credit = next(e for e in answer["errors"] if e["field"] == "credit_code")
    assert credit["column"] == "统一社会信用代码"
    assert "GB 32100" in credit["message"]
    assert Institution.objects.count() == 0


def test_a_credit_code_twice_in_one_file_is_an_error(admin):
    answer = upload(admin, xlsx([GOOD_ROWS[0], GOOD_ROWS[0]]), status=400)
    assert answer["errors"] == [
        {"row": 3, "field": "credit_code", "column": "统一社会信用代码", "message": "与第 2 行重复"}
    ]


def test_rows_matching_a_credit_code_update_and_record_the_status_change(admin, client):
    made = create(admin, "旧名称", credit_code=credit_code(1), status="pending")
    answer = upload(admin, xlsx(GOOD_ROWS))
    assert answer == {"created": 1, "updated": 1, "errors": []}
    page = admin.get(f"{STAFF}/{made['id']}")
    assert page["name"] == "启航英语培训学校"
    assert page["status"] == "whitelist"
    assert [h["status"] for h in page["status_history"]] == ["pending", "whitelist"]
    assert client.get(PUBLIC, query_string={"q": "旧名称"})["total"] == 0


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_is_readable_and_imports_back_as_updates(admin, file_format):
    create(admin, "启航英语培训学校", credit_code=credit_code(1), aliases=["启航英语", "启航"])
    create(admin, "无证托管班", status="blacklist", address="=HYPERLINK(1)")  # no codes at all
    response = admin.get(f"{STAFF}/export", query_string={"format": file_format})
    assert response.headers["Content-Disposition"].endswith(f'institutions.{file_format}"')
    if file_format == "xlsx":
        sheet = load_workbook(io.BytesIO(response.data)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["机构编号", "机构名称", "别名"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["启航英语培训学校"][2] == "启航英语、启航"
    assert "黑名单" in by_name["无证托管班"]
    assert "'=HYPERLINK(1)" in by_name["无证托管班"]  # never run as a formula
    again = upload(admin, response.data, f"again.{file_format}")
    assert again == {"created": 0, "updated": 2, "errors": []}
    assert Institution.objects.count() == 2
    assert Institution.objects.get(name="启航英语培训学校").aliases == ["启航英语", "启航"]
    assert Institution.objects.get(name="无证托管班").address == "=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"not a spreadsheet", "archive.xlsx"),
        (b"name\n", "archive.txt"),
        (b"", "archive.csv"),
        (xlsx([["x"]], headers=["颜色"]), "archive.xlsx"),
        (b"\xff\xfe\x00\x01\x80", "archive.csv"),
    ],
)
def test_an_unreadable_file_is_400(admin, data, filename):
    assert "file" in upload(admin, data, filename, status=400)["errors"]


def test_import_without_a_file_and_export_in_an_unknown_format_are_400(admin):
    admin.post(f"{STAFF}/import", data={}, content_type="multipart/form-data", status=400)
    admin.get(f"{STAFF}/export", query_string={"format": "pdf"}, status=400)


def test_the_cli_imports_with_progress_and_refuses_a_bad_file(app, tmp_path):
    runner = app.test_cli_runner()
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(xlsx(GOOD_ROWS))
    bad.write_bytes(xlsx([["坏", "123", "学科类", None, None, None, None, None]]))
    result = runner.invoke(args=["import-institutions", str(bad)])
    assert result.exit_code != 0
    assert "第 2 行" in result.output
    assert Institution.objects.count() == 0
    result = runner.invoke(args=["import-institutions", str(good)])
    assert result.exit_code == 0
    assert "created 2" in result.output
    assert Institution.objects.count() == 2


def test_a_file_over_the_row_limit_is_refused_whole(admin):
    # kept under 500 KB, past which Werkzeug's test client spools to a file it never closes
    rows = [[f"机{n}", "学科类"] for n in range(20_001)]
    answer = upload(admin, csv_bytes(rows, ["name", "kind"]), "huge.csv", status=400)
    assert "20000" in answer["errors"]["file"]
    assert Institution.objects.count() == 0


@pytest.mark.parametrize("value", ["1e400", "nan", "-inf", "1e30", "[1, 2]"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_non_finite_or_huge_numbers_in_a_file_are_row_errors(admin, value, kind):
    headers, row = [*HEADERS, "在读学生数"], [*GOOD_ROWS[0], value]
    data = csv_bytes([row], headers=headers) if kind == "csv" else xlsx([row], headers=headers)
    answer = upload(admin, data, f"archive.{kind}", status=400)
    assert [(e["row"], e["field"]) for e in answer["errors"]] == [(2, "students")]
    assert Institution.objects.count() == 0


def test_control_characters_in_cells_are_dropped_on_import(admin):
    row = [
        "启航\x00英语\x1b培训学校",
        credit_code(1),
        "学科类",
        None,
        "城关\x07街道",
        29.0,
        119.0,
        "白名单",
    ]
    upload(admin, csv_bytes([row]), "archive.csv")
    stored = Institution.objects.get()
    assert (stored.name, stored.district) == ("启航英语培训学校", "城关街道")
