"""GET /api/mp/v1/institutions: every search mode and filter, nearby, pagination, bad input."""

import pytest

from tests.support.directory_helpers import PUBLIC, create, credit_code, haversine_m, names, point


@pytest.fixture
def county(admin):
    """A small county: subject and non-subject institutions in two districts."""
    create(
        admin,
        "启航英语培训学校",
        aliases=["启航英语"],
        district="城关街道",
        credit_code=credit_code(1),
        licence_no="教民133072370001号",
        location=point(100, 0),
    )
    create(admin, "新东方学堂", district="城关街道", status="blacklist", location=point(2000, 0))
    create(
        admin,
        "ABC少儿美术工作室",
        kind="non_subject",
        category="arts",
        district="河口镇",
        status="pending",
        location=point(0, 5000),
    )
    create(
        admin,
        "阳光游泳俱乐部",
        kind="non_subject",
        category="sports",
        district="河口镇",
        nature="for_profit",
    )
    return admin


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("英语培训", ["启航英语培训学校"]),  # any substring of the name
        ("启航英语", ["启航英语培训学校"]),  # the alias (and a name prefix)
        ("东方", ["新东方学堂"]),
        ("xindongfang", ["新东方学堂"]),  # full pinyin
        ("dongfang", ["新东方学堂"]),  # pinyin from a syllable's start
        ("xdf", ["新东方学堂"]),  # initials
        ("qhyy", ["启航英语培训学校"]),
        ("abc", ["ABC少儿美术工作室"]),  # Latin letters, any case
        ("教民133072370001", ["启航英语培训学校"]),  # licence number
        ("133072370001", ["启航英语培训学校"]),  # ... from its digits
        (credit_code(1)[:8], ["启航英语培训学校"]),  # credit code prefix
        (credit_code(1).lower(), ["启航英语培训学校"]),
        ("啟航英語", ["启航英语培训学校"]),  # traditional characters
        ("ＱＨＹＹ", ["启航英语培训学校"]),  # full-width letters
        (" 新 东-方 ", ["新东方学堂"]),  # spaces and punctuation
        ("ongfang", []),  # not from the middle of a syllable
        ("培训中心", []),
    ],
)
def test_search_modes(client, county, q, expected):
    assert names(client.get(PUBLIC, query_string={"q": q})) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"district": "河口镇"}, ["阳光游泳俱乐部", "ABC少儿美术工作室"]),
        ({"kind": "subject"}, ["启航英语培训学校", "新东方学堂"]),
        ({"kind": "non_subject", "category": "sports"}, ["阳光游泳俱乐部"]),
        ({"category": "arts"}, ["ABC少儿美术工作室"]),
        ({"status": "blacklist"}, ["新东方学堂"]),
        ({"status": "whitelist", "district": "河口镇"}, ["阳光游泳俱乐部"]),
        ({"q": "xue", "status": "whitelist"}, ["启航英语培训学校"]),
        ({"district": "不存在的镇"}, []),
    ],
)
def test_filters_narrow_the_list(client, county, args, expected):
    assert sorted(names(client.get(PUBLIC, query_string=args))) == sorted(expected)


def test_the_whole_directory_in_pinyin_order_with_pagination(client, county):
    first = client.get(PUBLIC, query_string={"per_page": 3})
    second = client.get(PUBLIC, query_string={"per_page": 3, "page": 2})
    assert first["total"] == second["total"] == 4
    assert first["page"] == 1
    assert first["per_page"] == 3
    assert names(first) + names(second) == [
        "ABC少儿美术工作室",
        "启航英语培训学校",
        "新东方学堂",
        "阳光游泳俱乐部",
    ]
    item = first["items"][1]
    assert item["status"] == "whitelist"
    assert item["status_label"] == "白名单"
    assert set(item) >= {"id", "name", "kind", "category", "district", "address"}
    assert "distance_m" not in item


def test_an_exact_name_comes_first(client, admin):
    create(admin, "阿尔法启航编程")
    create(admin, "启航")
    assert names(client.get(PUBLIC, query_string={"q": "启航"})) == ["启航", "阿尔法启航编程"]


def test_nearby_is_nearest_first_with_haversine_distances(client, county):
    here = point(0, 0)
    body = client.get(PUBLIC, query_string={"lat": here["lat"], "lng": here["lng"]})
    assert names(body) == ["启航英语培训学校", "新东方学堂"]  # 5 km away is outside 3 km
    for item in body["items"]:
        exact = haversine_m(here, item["location"])
        assert abs(item["distance_m"] - exact) <= 0.01 * exact
    assert body["items"][0]["distance_m"] == pytest.approx(100, rel=0.01)
    wider = client.get(PUBLIC, query_string={**here, "radius_m": 6000})
    assert names(wider) == ["启航英语培训学校", "新东方学堂", "ABC少儿美术工作室"]
    distances = [item["distance_m"] for item in wider["items"]]
    assert distances == sorted(distances)


def test_nearby_combines_with_query_and_filters(client, county):
    here = {**point(0, 0), "radius_m": 50000}
    assert names(client.get(PUBLIC, query_string={**here, "status": "blacklist"})) == ["新东方学堂"]
    assert names(client.get(PUBLIC, query_string={**here, "q": "meishu"})) == ["ABC少儿美术工作室"]


def test_nearby_across_many_cells_matches_brute_force(client, admin):
    offsets = [(n * 1700 % 9000 - 4500, n * 2900 % 9000 - 4500) for n in range(24)]
    for n, (north, east) in enumerate(offsets):
        create(admin, f"测试机构{n}号", location=point(north, east))
    here = point(300, -200)
    body = client.get(PUBLIC, query_string={**here, "radius_m": 4000, "per_page": 100})
    expected = sorted(
        (haversine_m(here, point(north, east)), f"测试机构{n}号")
        for n, (north, east) in enumerate(offsets)
        if haversine_m(here, point(north, east)) <= 4000
    )
    assert names(body) == [name for _, name in expected]
    assert body["total"] == len(expected) > 3


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"kind": "school"}, "kind"),
        ({"category": "music"}, "category"),
        ({"status": "white"}, "status"),
        ({"lat": "29.1"}, "lng"),
        ({"lat": "north", "lng": "119.6"}, "lat"),
        ({"lat": "95", "lng": "119.6"}, "lat"),
        ({"lat": "29.1", "lng": "119.6", "radius_m": "50001"}, "radius_m"),
        ({"lat": "29.1", "lng": "119.6", "radius_m": "0"}, "radius_m"),
        ({"radius_m": "100"}, "lat"),
        ({"per_page": "101"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"q": "字" * 101}, "q"),
    ],
)
def test_bad_arguments_are_400_naming_the_field(client, args, field):
    body = client.get(PUBLIC, query_string=args, status=400)
    assert body["code"] == "validation_error"
    assert field in body["errors"]


def test_a_new_institution_and_a_status_change_are_visible_at_once(client, admin):
    assert client.get(PUBLIC, query_string={"q": "星火"})["total"] == 0
    made = create(admin, "星火编程中心", status="pending")
    assert names(client.get(PUBLIC, query_string={"q": "星火"})) == ["星火编程中心"]
    admin.post(f"/api/staff/v1/institutions/{made['id']}/status", json={
        "status": "blacklist", "reason": "无证办学"
    })  # fmt: skip
    hit = client.get(PUBLIC, query_string={"q": "xhbc"})["items"][0]
    assert hit["status"] == "blacklist"
    renamed = admin.patch(f"/api/staff/v1/institutions/{made['id']}", json={"name": "燎原编程"})
    assert renamed["name"] == "燎原编程"
    assert client.get(PUBLIC, query_string={"q": "星火"})["total"] == 0
    assert names(client.get(PUBLIC, query_string={"q": "liaoyuan"})) == ["燎原编程"]
