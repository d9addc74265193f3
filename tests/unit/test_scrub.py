"""The free-text scrubber: what identifies a person goes, what only looks like a number stays."""

import pytest

from server.services.privacy.scrub import REMOVED, scrub_text, scrub_value

GONE = [
    ("家长电话13812345678，请尽快联系", "家长电话〔已删除〕，请尽快联系"),
    ("手机 138 1234 5678 白天打", "手机 〔已删除〕 白天打"),
    ("手机：138-1234-5678", "手机：〔已删除〕"),
    ("+86 139 0000 1111 也可以", "〔已删除〕 也可以"),
    ("(+86)15912345678", "〔已删除〕"),
    ("电话１３８１２３４５６７８", "电话〔已删除〕"),
    ("座机0571-88123456转2", "座机〔已删除〕转2"),
    ("(010)62751234", "〔已删除〕"),
    ("身份证号11010519491231002X已附上", "身份证号〔已删除〕已附上"),
    ("身份证 330106 19850612 3312", "身份证 〔已删除〕"),
    ("证件号440304201209071542（孩子的）", "证件号〔已删除〕（孩子的）"),
    ("邮箱 zhang.san_1990@qq.com 回复我", "邮箱 〔已删除〕 回复我"),
    ("mail: parent+school@163.com.cn.", "mail: 〔已删除〕."),
    ("退款打到6222021200001234561", "退款打到〔已删除〕"),
    ("卡号 6214 8301 2345 6781 户名略", "卡号 〔已删除〕 户名略"),
    ("孩子叫张三，今年八岁", "孩子叫〔已删除〕，今年八岁"),
    ("我女儿名叫李小红在这里上课", "我女儿名叫〔已删除〕在这里上课"),
    ("姓名：王五", "姓名：〔已删除〕"),
]

KEPT = [
    "投诉编号TS202611280007，已受理",
    "见 TS202606090001 与 TS202606090002 的合并",
    "2026-11-28 下午三点上课，2026年11月28日又上",
    "2026.11.28 至 2026/12/05",
    "收费12800元，预付款 ¥3,600.00，共 30000 元",
    "一次交了 15000 元，36 课时",
    "统一社会信用代码91330106MA2GL1234M",
    "机构代码 52330106MJ9876543C",
    "信用代码523301061000000173（全数字）",
    "营业执照 91110108551385082Q",
    "办学许可证号 教民133010670000123号",
    "班上 25 名学生，10:30 到 12:00",
    "身份证号110105194912310021写错了",  # wrong check digit: not an ID number
    "卡号 6222021200001234562",  # fails Luhn
]


@pytest.mark.parametrize(("text", "expected"), GONE)
def test_identifiers_are_replaced(text, expected):
    assert scrub_text(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_what_only_looks_like_a_number_is_kept(text):
    assert scrub_text(text) == text


@pytest.mark.parametrize(
    "written",
    ["13812345678", "138 1234 5678", "138-1234-5678", "1 3 8 1 2 3 4 5 6 7 8", "138 - 1234 - 5678"],
)
def test_the_parents_own_phone_goes_however_written(written):
    assert scrub_text(f"请打{written}找我", phones=["13812345678"]) == f"请打{REMOVED}找我"


def test_a_given_landline_goes_even_in_an_unusual_shape():
    text = "办公室 0571 8812 3456 或 057188123456"
    assert scrub_text(text, phones=["0571-88123456"]) == f"办公室 {REMOVED} 或 {REMOVED}"


def test_several_identifiers_in_one_text():
    text = "张先生13812345678，邮箱a@b.cn，身份证11010519491231002X，编号TS202611280007"
    expected = f"张先生{REMOVED}，邮箱{REMOVED}，身份证{REMOVED}，编号TS202611280007"
    assert scrub_text(text) == expected


def test_values_are_scrubbed_through_lists_and_dicts():
    detail = {"reason": "电话13812345678", "to": ["a@b.cn", 3], "n": 5, "keep": "TS202611280007"}
    assert scrub_value(detail) == {
        "reason": f"电话{REMOVED}",
        "to": [REMOVED, 3],
        "n": 5,
        "keep": "TS202611280007",
    }


@pytest.mark.parametrize("value", [None, "", 42])
def test_nothing_to_scrub_is_returned_as_is(value):
    assert scrub_text(value) == value
