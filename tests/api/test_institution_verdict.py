"""GET /api/mp/v1/institutions/check: the answer to "is this institution allowed?"."""

import pytest

from tests.support.directory_helpers import PUBLIC, create

CHECK = f"{PUBLIC}/check"


@pytest.fixture
def listed(admin):
    """Institutions on every list, one with an alias, and two that share a name."""
    create(admin, "启航英语培训学校", aliases=["启航英语"], status="whitelist")
    create(admin, "智慧树数学工作室", status="blacklist")
    create(admin, "明德学堂", status="suspended")
    create(admin, "星火编程培训中心", kind="non_subject", category="science", status="revoked")
    create(admin, "阳光游泳俱乐部", kind="non_subject", category="sports", status="pending")
    create(admin, "博雅书法", kind="non_subject", category="arts", district="城关街道")
    create(admin, "博雅书法", kind="non_subject", category="arts", district="河口镇")
    return admin


def check(client, name, status=200):
    return client.get(CHECK, query_string={"name": name}, status=status)


@pytest.mark.parametrize(
    ("name", "verdict", "label"),
    [
        ("启航英语培训学校", "whitelist", "白名单"),
        ("智慧树数学工作室", "blacklist", "黑名单"),
        ("明德学堂", "suspended", "暂停办学"),
        ("星火编程培训中心", "revoked", "已吊销"),
        ("阳光游泳俱乐部", "pending", "待审核"),
        ("启航英语", "whitelist", "白名单"),  # an alias is the institution too
    ],
)
def test_an_exact_name_gets_its_list_status(client, listed, name, verdict, label):
    body = check(client, name)
    assert body["verdict"] == verdict
    assert body["verdict_label"] == label
    assert body["institution"]["status"] == verdict
    assert body["message"]


@pytest.mark.parametrize(
    "variant",
    [
        "啟航英語培訓學校",
        "启航英语培训学校 ",
        "启航 英语·培训（学校）",
        "启航英语培训学校！",
        "ＱＩ启航英语培训学校"[2:],
    ],
)
def test_traditional_full_width_spaces_and_punctuation_still_match(client, listed, variant):
    body = check(client, variant)
    assert body["verdict"] == "whitelist"
    assert body["institution"]["name"] == "启航英语培训学校"


def test_a_lookalike_is_not_listed_and_never_reads_as_listed(client, listed):
    body = check(client, "启航英语培训中心")
    assert body["verdict"] == "not_listed"
    assert body["institution"] is None
    assert body["verdict_label"] == "未在教育部门登记名单中"
    similar = [item["name"] for item in body["similar"]]
    assert similar[0] == "启航英语培训学校"  # offered to compare, not as the answer
    assert body["similar"][0]["similarity"] < 1
    assert "不是同一家" in body["message"]


def test_a_homophone_is_not_listed_but_is_flagged(client, listed):
    body = check(client, "起航英语培训学校")  # 起 sounds like 启
    assert body["verdict"] == "not_listed"
    assert body["institution"] is None
    first = body["similar"][0]
    assert first["name"] == "启航英语培训学校"
    assert first["same_pronunciation"] is True


def test_a_shared_name_is_ambiguous_and_lists_each(client, listed):
    body = check(client, "博雅书法")
    assert body["verdict"] == "ambiguous"
    assert body["institution"] is None
    districts = sorted(item["district"] for item in body["similar"][:2])
    assert districts == ["城关街道", "河口镇"]


def test_an_unknown_name_has_no_lookalikes_to_offer(client, listed):
    body = check(client, "金色童年围棋道场")
    assert body == {**body, "verdict": "not_listed", "institution": None, "similar": []}
    assert "相近" not in body["message"].replace("名称一致或相近", "")
    assert "可以举报" in body["message"]


def test_a_listed_name_warns_of_its_lookalikes_only_when_there_are_some(client, listed, admin):
    alone = check(client, "智慧树数学工作室")
    assert alone["similar"] == []
    assert "相近" not in alone["message"]
    create(admin, "智慧数学工作室", status="whitelist")
    shadowed = check(client, "智慧树数学工作室")
    assert [item["name"] for item in shadowed["similar"]] == ["智慧数学工作室"]
    assert shadowed["message"].startswith("该机构在教育部门黑名单中")
    assert "名称相近" in shadowed["message"]
    assert "谨防冒名" in shadowed["message"]


def test_sharing_only_generic_words_is_not_resembling(client, listed, admin):
    for brand in ("博文", "卓越", "明日", "未来", "星辰", "育才", "思源", "晨光"):
        create(admin, f"{brand}英语培训学校")  # 英语培训学校 becomes a common phrase
    names = [item["name"] for item in check(client, "华贝英语培训学校")["similar"]]
    assert names == []
    names = [item["name"] for item in check(client, "启航英语培训中心")["similar"]]
    assert names[0] == "启航英语培训学校"  # the shared brand still counts


@pytest.mark.parametrize("name", ["", "   ", "（）！", None, "机" * 101])
def test_a_missing_or_overlong_name_is_400(client, name):
    args = {} if name is None else {"name": name}
    body = client.get(CHECK, query_string=args, status=400)
    assert body["errors"]["name"]


def test_the_verdict_follows_a_status_change_at_once(client, listed, admin):
    made = check(client, "智慧树数学工作室")["institution"]
    admin.post(
        f"/api/staff/v1/institutions/{made['id']}/status",
        json={"status": "whitelist", "reason": "整改完成，复核通过"},
    )
    assert check(client, "智慧树数学工作室")["verdict"] == "whitelist"
