"""The archive import reads .xls (Excel 97-2003), the format provinces publish lists in."""

from models.institution import Institution
from tests.support.directory_helpers import PUBLIC, STAFF, credit_code, names
from tests.support.sheets import upload, xls

HEADERS = [
    "机构名称",
    "统一社会信用代码",
    "机构类型",
    "类别",
    "乡镇/街道",
    "纬度",
    "经度",
    "名单状态",
]


def test_an_xls_archive_imports_and_the_directory_serves_it(admin, client):
    rows = [
        ["启航英语培训学校", credit_code(1), "学科类", None, "城关街道", 29.08, 119.64, "白名单"],
        ["博雅书法艺术中心", None, "非学科类", "文化艺术类", "河口镇", 29.1, 119.7, "黑名单"],
    ]
    answer = upload(admin, f"{STAFF}/import", xls(HEADERS, rows), "白名单.xls")
    assert answer == {"created": 2, "updated": 0, "errors": []}
    assert names(client.get(PUBLIC, query_string={"q": "shufa"})) == ["博雅书法艺术中心"]
    school = Institution.objects.get(name="启航英语培训学校")
    assert (school.credit_code, school.status) == (credit_code(1), "whitelist")
    assert (school.location.lat, school.location.lng) == (29.08, 119.64)


def test_whole_numbers_in_xls_cells_are_read_as_integers(admin):
    headers = ["机构名称", "机构类型", "类别", "在读学生数", "办学许可证号"]
    rows = [["晨曦舞蹈", "非学科类", "文化艺术类", 120.0, 1330723000001]]
    upload(admin, f"{STAFF}/import", xls(headers, rows), "list.XLS")
    dance = Institution.objects.get(name="晨曦舞蹈")
    assert (dance.students, dance.licence_no) == (120, "1330723000001")


def test_a_bad_xls_row_stores_nothing(admin):
    rows = [["好机构", None, "学科类", None, None, None, None, "白名单"], [None] * 7 + ["灰名单"]]
    answer = upload(admin, f"{STAFF}/import", xls(HEADERS, rows), "a.xls", status=400)
    assert {(e["row"], e["field"]) for e in answer["errors"]} == {
        (3, "name"),
        (3, "kind"),
        (3, "status"),
    }
    assert Institution.objects.count() == 0


def test_a_damaged_xls_is_a_clear_400(admin):
    damaged = xls(HEADERS, [["甲", None, "学科类"]])[:700]
    answer = upload(admin, f"{STAFF}/import", damaged, "a.xls", status=400)
    assert answer["errors"] == {"file": "无法读取该 Excel 文件"}
