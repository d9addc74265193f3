"""PUT/GET /queues/{id}/channels, PUT/GET /warnings/rules and /hotline/columns: admins' settings."""

import pytest

STAFF = "/api/staff/v1"


@pytest.fixture
def queue_id(demo_queues):
    return str(demo_queues["training"].id)


def test_admin_sets_a_robot_and_addresses_and_sees_the_key_masked(admin, queue_id, fake_robot):
    url = fake_robot.new_robot()
    body = {"webhook_url": url, "emails": ["jgg@jyj.gov.cn", "jgg@jyj.gov.cn", "b@jyj.gov.cn"]}
    answer = admin.put(f"{STAFF}/queues/{queue_id}/channels", json=body)
    key = url.rsplit("=", 1)[1]
    assert answer["emails"] == ["jgg@jyj.gov.cn", "b@jyj.gov.cn"]
    assert key not in answer["webhook_url"]
    assert answer["webhook_url"].endswith(key[-4:])
    assert admin.get(f"{STAFF}/queues/{queue_id}/channels") == answer
    off = admin.put(f"{STAFF}/queues/{queue_id}/channels", json={"webhook_url": "", "emails": []})
    assert (off["webhook_url"], off["emails"]) == (None, [])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"webhook_url": "http://example.com/cgi-bin/webhook/send?key=k"}, "webhook_url"),
        ({"webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"}, "webhook_url"),
        ({"emails": ["not an address"]}, "emails"),
    ],
)
def test_a_bad_channel_is_refused(admin, queue_id, body, field):
    answer = admin.put(f"{STAFF}/queues/{queue_id}/channels", json=body, status=400)
    assert field in answer["errors"]


def test_only_admins_see_or_set_channels(login_staff, queue_id):
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    dispatcher.get(f"{STAFF}/queues/{queue_id}/channels", status=403)
    dispatcher.put(f"{STAFF}/queues/{queue_id}/channels", json={"emails": []}, status=403)


def test_the_default_rules_and_an_admins_edit(admin, login_staff):
    rules = admin.get(f"{STAFF}/warnings/rules")["items"]
    assert [(r["key"], r["threshold"], r["days"]) for r in rules] == [
        ("fees_14d", 3, 14),
        ("listed_status", None, None),
        ("any_30d", 5, 30),
    ]
    assert rules[1]["statuses"] == ["blacklist", "suspended", "revoked"]
    rules[0]["threshold"] = 4
    assert admin.put(f"{STAFF}/warnings/rules", json={"items": rules})["items"][0]["threshold"] == 4
    rules[2]["days"] = 400
    answer = admin.put(f"{STAFF}/warnings/rules", json={"items": rules}, status=400)
    assert "days" in answer["errors"]
    viewer = login_staff("viewer", ("viewer",))
    viewer.put(f"{STAFF}/warnings/rules", json={"items": rules[:1]}, status=403)


def test_admins_add_a_header_the_hotline_export_uses(admin):
    answer = admin.put(f"{STAFF}/hotline/columns", json={"ref": ["市民热线单号"]})
    assert answer["ref"][-1] == "市民热线单号"
    assert answer["ref"][0] == "工单编号"
    clash = admin.put(f"{STAFF}/hotline/columns", json={"ref": ["诉求内容"]}, status=400)
    assert "诉求内容" in clash["errors"]["ref"]
