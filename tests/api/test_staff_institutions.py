"""The staff archive: admins write with checked fields, everyone else reads, history is kept."""

import pytest

from tests.support.directory_helpers import STAFF, create, credit_code, names


@pytest.fixture
def viewer(login_staff):
    """A signed-in viewer (read only)."""
    return login_staff("viewer1", ("viewer",))


def test_create_and_read_with_full_history(admin, viewer):
    made = create(admin, "启航英语培训学校", credit_code=credit_code(1), status="whitelist")
    assert made["status"] == "whitelist"
    assert made["credit_code"] == credit_code(1)
    (entry,) = made["status_history"]
    assert entry["status"] == "whitelist"
    assert entry["by"] == "admin"
    assert entry["reason"]
    assert viewer.get(f"{STAFF}/{made['id']}")["status_history"][0]["by"] == "admin"
    listed = viewer.get(STAFF, query_string={"q": "qhyy"})
    assert names(listed) == ["启航英语培训学校"]
    assert listed["items"][0]["credit_code"] == credit_code(1)


def test_a_new_institution_is_pending_unless_told(admin):
    assert (
        admin.post(STAFF, json={"name": "新机构", "kind": "subject"}, status=201)["status"]
        == "pending"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "甲", "kind": "subject", "credit_code": "91330723MA2B3C4D5E"}, "credit_code"),
        ({"name": "甲", "kind": "subject", "credit_code": credit_code(1)[:17]}, "credit_code"),
        ({"name": "甲", "kind": "subject", "credit_code": 913307}, "credit_code"),
        ({"kind": "subject"}, "name"),
        ({"name": "  ", "kind": "subject"}, "name"),
        ({"name": "甲"}, "kind"),
        ({"name": "甲", "kind": "school"}, "kind"),
        ({"name": "甲", "kind": "non_subject"}, "category"),
        ({"name": "甲", "kind": "subject", "category": "arts"}, "category"),
        ({"name": "甲", "kind": "subject", "status": "grey"}, "status"),
        ({"name": "甲", "kind": "subject", "location": {"lat": 91, "lng": 120}}, "location"),
        ({"name": "甲", "kind": "subject", "location": {"lat": "north"}}, "location"),
        ({"name": "甲", "kind": "subject", "students": -1}, "students"),
        ({"name": "甲", "kind": "subject", "students": 1.5}, "students"),
        ({"name": "甲", "kind": "subject", "teachers": {"total": 2, "qualified": 3}}, "teachers"),
        ({"name": "甲", "kind": "subject", "courses": [{"subject": "英语"}]}, "courses"),
        ({"name": "甲", "kind": "subject", "courses": "英语"}, "courses"),
        ({"name": "甲", "kind": "subject", "aliases": "x" * 101}, "aliases"),
        ({"name": "甲" * 101, "kind": "subject"}, "name"),
        ({"name": "甲", "kind": "subject", "students": float("inf")}, "students"),
        ({"name": "甲", "kind": "subject", "students": 10**30}, "students"),
        ({"name": "甲", "kind": ["subject"]}, "kind"),
        (
            {
                "name": "甲",
                "kind": "subject",
                "courses": [{"name": "英语", "price_per_hour": 1e300}],
            },
            "courses",
        ),
    ],
)
def test_bad_fields_are_400_naming_each(admin, body, field):
    answer = admin.post(STAFF, json=body, status=400)
    assert answer["code"] == "validation_error", answer
    assert field in answer["errors"], answer


def test_unknown_and_read_only_fields_are_ignored(admin):
    body = {"name": "甲", "kind": "subject", "colour": "red", "status_history": [], "id": "x"}
    made = admin.post(STAFF, json=body, status=201)
    assert "colour" not in made
    assert made["status_history"][0]["reason"] == "建档登记"


def test_a_credit_code_belongs_to_one_institution(admin):
    first = create(admin, "甲", credit_code=credit_code(2))
    answer = admin.post(
        STAFF, json={"name": "乙", "kind": "subject", "credit_code": credit_code(2)}, status=409
    )
    assert answer["code"] == "conflict"
    second = create(admin, "乙", credit_code=credit_code(3))
    admin.patch(f"{STAFF}/{second['id']}", json={"credit_code": credit_code(2)}, status=409)
    admin.patch(f"{STAFF}/{first['id']}", json={"credit_code": credit_code(2), "phone": "1"})


def test_patch_changes_fields_but_not_the_status(admin):
    made = create(admin, "甲", kind="non_subject", category="sports")
    patched = admin.patch(
        f"{STAFF}/{made['id']}", json={"address": "人民路 1 号", "category": "arts"}
    )
    assert patched["address"] == "人民路 1 号"
    assert patched["category"] == "arts"
    answer = admin.patch(f"{STAFF}/{made['id']}", json={"status": "blacklist"}, status=400)
    assert "status" in answer["errors"]
    answer = admin.patch(f"{STAFF}/{made['id']}", json={"kind": "subject"}, status=400)
    assert "category" in answer["errors"]  # the rule holds on the record after the change
    admin.patch(f"{STAFF}/{made['id']}", json=["not", "an", "object"], status=400)


def test_status_changes_keep_who_when_why(admin):
    made = create(admin, "甲", status="whitelist")
    path = f"{STAFF}/{made['id']}/status"
    changed = admin.post(path, json={"status": "suspended", "reason": "消防隐患，暂停整改"})
    assert changed["status"] == "suspended"
    last = changed["status_history"][-1]
    assert last["reason"] == "消防隐患，暂停整改"
    assert last["by"] == "admin"
    assert last["at"].endswith("+08:00")
    assert len(changed["status_history"]) == 2
    for body, field in [
        ({"status": "blacklist"}, "reason"),
        ({"status": "blacklist", "reason": "  "}, "reason"),
        ({"reason": "x"}, "status"),
        ({"status": "gray", "reason": "x"}, "status"),
        ({"status": "suspended", "reason": "again"}, "status"),
    ]:
        assert field in admin.post(path, json=body, status=400)["errors"]


@pytest.mark.parametrize("roles", [("viewer",), ("dispatcher",), ("handler",)])
def test_only_admins_write(admin, login_staff, roles):
    made = create(admin, "甲")
    other = login_staff("someone", roles, ["training"] if "handler" in roles else [])
    other.get(STAFF)
    other.get(f"{STAFF}/{made['id']}")
    forbidden = [
        ("POST", STAFF, {"json": {"name": "乙", "kind": "subject"}}),
        ("PATCH", f"{STAFF}/{made['id']}", {"json": {"name": "乙"}}),
        ("POST", f"{STAFF}/{made['id']}/status", {"json": {"status": "blacklist", "reason": "x"}}),
        ("POST", f"{STAFF}/import", {"data": {}}),
    ]
    for method, path, kwargs in forbidden:
        assert other.call(method, path, status=403, **kwargs)["code"] == "forbidden"


def test_staff_endpoints_need_a_staff_token(client, parent):
    client.get(STAFF, status=401)
    parent.get(STAFF, status=401)


@pytest.mark.parametrize("bad", ["nope", "123", "f" * 24, "%E5%90%AF"])
def test_bad_or_unknown_ids_are_404(admin, bad):
    admin.get(f"{STAFF}/{bad}", status=404)
    admin.patch(f"{STAFF}/{bad}", json={"name": "x"}, status=404)
    admin.post(f"{STAFF}/{bad}/status", json={"status": "blacklist", "reason": "x"}, status=404)
