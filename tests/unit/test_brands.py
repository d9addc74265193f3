"""Brands: a name without places, subjects, trade words and form; lookalikes share one."""

import pytest

from server.services.directory.brands import brand_of, brand_sound
from server.services.directory.names import normalize_name


def brand(name, district=None):
    return brand_of(normalize_name(name), district)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("启航英语培训学校", "启航"),
        ("临江县启航英语培训学校（城关街道校区）", "启航"),
        ("启航英语培训中心（安宝镇3校区）", "启航"),
        ("浙江省金华市学而思教育科技有限公司", "学而思"),
        ("学而思培优", "学而思"),
        ("學而思", "学而思"),
        ("星火少儿编程中心", "星火"),
        ("博雅书法艺术中心", "博雅"),
        ("新东方人民路店", "新东方"),
        ("英语培训学校", ""),  # only trade words: no brand at all
        ("华英语学校", ""),  # one character is no brand
    ],
)
def test_the_brand_is_what_is_left_of_the_name(name, expected):
    assert brand(name) == expected


def test_the_institutions_own_district_is_a_place_too():
    assert brand("河湾启航美术工作室", district="河湾街道") == "启航"
    assert brand("河湾启航美术工作室") == "河湾启航"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("学而思", "學而思"),  # traditional characters
        ("学而思", "学尔思"),  # a homophone
        ("学而思", "学而思培优"),  # a trade word added
        ("启航英语培训学校", "起航美术工作室"),  # 起航 reads as 启航
        ("启航英语培训学校", "临江启航少儿编程中心"),
    ],
)
def test_lookalike_pairs_share_a_brand_or_its_sound(one, other):
    assert brand_sound(brand(one)) == brand_sound(brand(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("启航英语培训学校", "书文英语培训学校"),  # only 英语培训学校 in common
        ("启航英语培训学校", "启明英语培训学校"),  # one brand character in common
        ("博雅书法艺术中心", "博文书法艺术中心"),
        ("学而思培优", "思而学培优"),
    ],
)
def test_names_sharing_only_trade_words_have_different_brands(one, other):
    assert brand(one) != brand(other)
    assert brand_sound(brand(one)) != brand_sound(brand(other))
