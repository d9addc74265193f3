"""Routing rules: admins read and replace the ordered list; bad rules are refused whole."""

import pytest

from models.routing import RoutingRule

URL = "/api/staff/v1/routing-rules"

RULES = [
    {
        "name": "安全隐患 → 综合受理（紧急）",
        "conditions": {"categories": ["safety"]},
        "queue": "triage",
        "urgent": True,
    },
    {
        "name": "学科类机构 → 校外培训监管股",
        "conditions": {"institution_kinds": ["subject"], "institution_listed": True},
        "queue": "training",
    },
    {
        "name": "体育类 → 体育局",
        "conditions": {
            "institution_kinds": ["non_subject"],
            "institution_categories": ["sports"],
            "districts": ["城关镇"],
        },
        "queue": {"key": "sports"},
        "active": False,
    },
]


def test_put_replaces_the_list_and_get_shows_it_in_order(admin, demo_queues):
    assert admin.get(URL) == {"items": [], "total": 0}
    saved = admin.put(URL, json={"items": RULES})
    assert saved == admin.get(URL)
    items = saved["items"]
    assert [r["order"] for r in items] == [0, 1, 2]
    assert saved["total"] == 3
    assert [r["queue"]["key"] for r in items] == ["triage", "training", "sports"]
    assert set(items[0]["queue"]) == {"id", "key", "name"}
    assert items[0]["urgent"] is True
    assert items[0]["active"] is True
    assert items[2]["active"] is False
    assert items[1]["urgent"] is False
    assert items[1]["conditions"] == {
        "categories": [],
        "institution_kinds": ["subject"],
        "institution_categories": [],
        "districts": [],
        "institution_listed": True,
    }
    assert items[2]["conditions"]["districts"] == ["城关镇"]


def test_a_round_trip_keeps_ids_and_reorders(admin, demo_queues):
    first = admin.put(URL, json={"items": RULES})["items"]
    # Send back what GET gave (queue as an object), reversed, minus the last rule.
    changed = [first[1], {**first[0], "name": "安全隐患（改）"}]
    second = admin.put(URL, json={"items": changed})["items"]
    assert [r["id"] for r in second] == [first[1]["id"], first[0]["id"]]
    assert [r["order"] for r in second] == [0, 1]
    assert second[1]["name"] == "安全隐患（改）"
    assert RoutingRule.objects.count() == 2


def test_an_empty_list_removes_every_rule(admin, demo_queues):
    admin.put(URL, json={"items": RULES})
    assert admin.put(URL, json={"items": []})["total"] == 0
    assert RoutingRule.objects.count() == 0


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"queue": "no_such_queue"}, "items[1].queue"),
        ({"queue": None}, "items[1].queue"),
        ({"name": ""}, "items[1].name"),
        ({"conditions": {"categories": ["gossip"]}}, "items[1].conditions.categories"),
        (
            {"conditions": {"institution_kinds": ["private"]}},
            "items[1].conditions.institution_kinds",
        ),
        (
            {"conditions": {"institution_categories": ["cooking"]}},
            "items[1].conditions.institution_categories",
        ),
        ({"conditions": {"districts": "城关镇"}}, "items[1].conditions.districts"),
        ({"conditions": {"institution_listed": "yes"}}, "items[1].conditions.institution_listed"),
        ({"conditions": {"colour": ["red"]}}, "items[1].conditions"),
        ({"conditions": ["safety"]}, "items[1].conditions"),
        ({"urgent": "yes"}, "items[1].urgent"),
        ({"active": 1}, "items[1].active"),
    ],
)
def test_a_bad_rule_is_refused_naming_index_and_field_and_nothing_changes(
    admin, demo_queues, rule, field
):
    before = admin.put(URL, json={"items": RULES})
    bad = [RULES[0], {**RULES[1], **rule}]
    body = admin.put(URL, json={"items": bad}, status=400)
    assert body["code"] == "validation_error", body
    assert field in body["errors"], body
    assert admin.get(URL) == before


def test_every_bad_rule_is_named_at_once(admin, demo_queues):
    bad = [
        {**RULES[0], "queue": "nope"},
        RULES[1],
        {**RULES[2], "conditions": {"categories": ["x"]}},
    ]
    errors = admin.put(URL, json={"items": bad}, status=400)["errors"]
    assert set(errors) == {"items[0].queue", "items[2].conditions.categories"}
    assert "nope" in errors["items[0].queue"]


def test_an_inactive_queue_is_refused(admin, demo_queues):
    demo_queues["science"].update(set__active=False)
    body = admin.put(URL, json={"items": [{"name": "科技", "queue": "science"}]}, status=400)
    assert "items[0].queue" in body["errors"]


@pytest.mark.parametrize(
    "payload", [{}, {"items": "all"}, {"items": ["rule"]}, {"items": [{"name": "x"}] * 201}]
)
def test_malformed_lists_are_400(admin, demo_queues, payload):
    admin.put(URL, json=payload, status=400)


def test_the_same_rule_twice_is_refused(admin, demo_queues):
    rule = admin.put(URL, json={"items": RULES[:1]})["items"][0]
    admin.put(URL, json={"items": [rule, rule]}, status=400)


@pytest.mark.parametrize("role", ["dispatcher", "handler", "viewer"])
def test_only_admins_may_read_or_write(login_staff, demo_queues, role):
    other = login_staff("someone", [role])
    other.get(URL, status=403)
    other.put(URL, json={"items": []}, status=403)


def test_control_characters_in_names_and_districts_are_dropped(admin, demo_queues):
    rule = {**RULES[2], "name": "体育\x00类\x1b → 体育局", "active": True}
    rule["conditions"] = {**RULES[2]["conditions"], "districts": ["城关\x07镇", "城关镇"]}
    (saved,) = admin.put(URL, json={"items": [rule]})["items"]
    assert saved["name"] == "体育类 → 体育局"
    assert saved["conditions"]["districts"] == ["城关镇"]
