"""GET /api/mp/v1/institutions/{id} (the public page) and GET /api/mp/v1/meta."""

import pytest

from tests.support.directory_helpers import PUBLIC, create, credit_code, point

ARCHIVE = {
    "aliases": ["启航英语"],
    "credit_code": credit_code(7),
    "licence_no": "教民133072370007号",
    "nature": "non_profit",
    "mode": "offline",
    "district": "城关街道",
    "address": "城关街道人民路 38 号",
    "location": point(0, 0),
    "phone": "0579-88886666",
    "students": 320,
    "teachers": {"total": 12, "qualified": 11},
    "courses": [
        {
            "name": "初中英语提高班",
            "subject": "英语",
            "grades": "初一至初三",
            "class_hours": 40,
            "price_per_hour": 80,
            "filing_no": "临教备20230007",
        }
    ],
    "prepaid_account": {"bank": "临江农商银行", "account": "6217000011112222"},
    "business_hours": "周一至周五 16:30-20:30",
}


def test_the_public_page_shows_the_archive_and_history_without_staff(client, admin):
    made = create(admin, "启航英语培训学校", status="pending", **ARCHIVE)
    admin.post(
        f"/api/staff/v1/institutions/{made['id']}/status",
        json={"status": "whitelist", "reason": "材料齐全，审核通过"},
    )
    page = client.get(f"{PUBLIC}/{made['id']}")
    for field, value in ARCHIVE.items():
        if field != "courses":
            assert page[field] == value, field
    assert page["courses"][0]["name"] == "初中英语提高班"
    assert page["courses"][0]["price_per_hour"] == 80
    assert page["status"] == "whitelist"
    assert page["status_label"] == "白名单"
    assert page["kind_label"] == "学科类"
    assert page["nature_label"] == "非营利性"
    history = page["status_history"]
    assert [h["status"] for h in history] == ["pending", "whitelist"]
    assert history[1]["reason"] == "材料齐全，审核通过"
    assert history[1]["at"].endswith("+08:00")
    assert all("by" not in h for h in history)  # staff names stay internal
    assert "admin" not in str(page)
    assert page["rectifications"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/mp/v1/institutions/not-an-id",
        "/api/mp/v1/institutions/123",
        "/api/mp/v1/institutions/" + "f" * 24,
        "/api/mp/v1/institutions/%E5%90%AF%E8%88%AA",
        "/api/mp/v1/institutions/" + "0" * 25,
    ],
)
def test_a_bad_or_unknown_id_is_404(client, path):
    assert client.get(path, status=404)["code"] == "not_found"


def test_meta_gives_districts_and_labelled_codes(client, admin):
    create(admin, "甲", district="河口镇")
    create(admin, "乙", district="城关街道")
    create(admin, "丙", district="城关街道")
    meta = client.get("/api/mp/v1/meta")
    assert meta["districts"] == ["城关街道", "河口镇"]  # in pinyin order
    categories = {c["code"]: c["label"] for c in meta["complaint_categories"]}
    assert categories["disguised_subject"] == "隐形变异学科类培训"
    assert len(categories) == 11
    help_text = {c["code"]: c["description"] for c in meta["complaint_categories"]}
    assert all(help_text.values())
    assert len(set(help_text.values())) == 11
    assert "20:30" in help_text["off_hours"]
    assert "示范文本" in help_text["fees"]
    assert {c["code"] for c in meta["institution_categories"]} == {
        "sports",
        "arts",
        "science",
        "other",
    }
    statuses = {s["code"]: s["label"] for s in meta["statuses"]}
    assert statuses == {
        "whitelist": "白名单",
        "blacklist": "黑名单",
        "suspended": "暂停办学",
        "revoked": "已吊销",
        "pending": "待审核",
    }
    assert {v["code"] for v in meta["verdicts"]} >= {"not_listed", "ambiguous"}


def test_public_endpoints_need_no_login_and_ignore_a_staff_token(client, admin):
    made = create(admin, "启航")
    for path in (PUBLIC, f"{PUBLIC}/{made['id']}", f"{PUBLIC}/check?name=启航", "/api/mp/v1/meta"):
        client.get(path)
        admin.get(path)
