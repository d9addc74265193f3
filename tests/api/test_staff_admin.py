"""Staff management by admins: create, change, disable, reset passwords, keep one admin."""

import pytest

from tests.conftest import TEST_PASSWORD, ApiClient

STAFF = "/api/staff/v1/staff"
LOGIN = "/api/staff/v1/auth/login"
NEW = {
    "username": "zhang.san",
    "name": "张三",
    "password": "a-long-password",
    "roles": ["handler"],
    "queues": ["training"],
}


def sign_in(app, username, password=TEST_PASSWORD, status=200):
    """Sign in through the API; returns an ApiClient holding the token."""
    anonymous = ApiClient(app.test_client())
    body = anonymous.post(LOGIN, json={"username": username, "password": password}, status=status)
    return ApiClient(app.test_client(), body.get("token"))


def test_admin_creates_an_account_that_can_sign_in(app, admin, demo_queues):
    created = admin.post(STAFF, json=NEW, status=201)
    assert set(created) == {"id", "username", "name", "roles", "queues", "active"}
    assert created["roles"] == ["handler"]
    assert created["active"] is True
    assert [q["key"] for q in created["queues"]] == ["training"]
    me = sign_in(app, "zhang.san", "a-long-password").get("/api/staff/v1/me")
    assert me["id"] == created["id"]
    assert admin.get(f"{STAFF}/{created['id']}")["name"] == "张三"


def test_a_taken_username_is_409(admin, demo_queues):
    admin.post(STAFF, json=NEW, status=201)
    assert admin.post(STAFF, json=NEW, status=409)["code"] == "conflict"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"roles": ["boss"]}, "roles"),
        ({"roles": []}, "roles"),
        ({"roles": "admin"}, "roles"),
        ({"queues": ["no_such_queue"]}, "queues"),
        ({"queues": "training"}, "queues"),
        ({"password": "short"}, "password"),
        ({"username": "has space"}, "username"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_accounts_are_400_naming_the_field(admin, demo_queues, change, field):
    body = admin.post(STAFF, json={**NEW, **change}, status=400)
    assert body["code"] == "validation_error"
    assert field in body["errors"]


def test_admin_changes_name_roles_and_queues(admin, make_staff):
    staff = make_staff("li", ["handler"], ["training"])
    changed = admin.patch(
        f"{STAFF}/{staff.id}",
        json={"name": "李四", "roles": ["dispatcher", "viewer"], "queues": ["sports", "science"]},
    )
    assert changed["name"] == "李四"
    assert changed["roles"] == ["dispatcher", "viewer"]
    assert [q["key"] for q in changed["queues"]] == ["sports", "science"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"roles": ["boss"]}, "roles"),
        ({"queues": ["nope"]}, "queues"),
        ({"password": "short"}, "password"),
        ({"active": "no"}, "active"),
        ({"name": "x" * 61}, "name"),
    ],
)
def test_bad_changes_are_400_and_change_nothing(admin, make_staff, change, field):
    staff = make_staff("li", ["handler"], ["training"])
    body = admin.patch(f"{STAFF}/{staff.id}", json={"name": "新名字", **change}, status=400)
    assert field in body["errors"]
    assert admin.get(f"{STAFF}/{staff.id}")["name"] == "li"


def test_a_disabled_account_is_refused_on_its_next_request(app, admin, make_staff):
    staff = make_staff("li", ["viewer"])
    li = sign_in(app, "li")
    li.get("/api/staff/v1/me")
    assert admin.patch(f"{STAFF}/{staff.id}", json={"active": False})["active"] is False
    assert li.get("/api/staff/v1/me", status=401)["code"] == "invalid_token"
    sign_in(app, "li", status=401)
    # Enabled again, the old token stays dead but a new sign-in works.
    admin.patch(f"{STAFF}/{staff.id}", json={"active": True})
    li.get("/api/staff/v1/me", status=401)
    sign_in(app, "li").get("/api/staff/v1/me")


def test_a_password_reset_kills_old_tokens_and_the_new_password_works(app, admin, make_staff):
    staff = make_staff("li", ["viewer"])
    li = sign_in(app, "li")
    admin.patch(f"{STAFF}/{staff.id}", json={"password": "brand-new-password"})
    li.get("/api/staff/v1/me", status=401)
    sign_in(app, "li", TEST_PASSWORD, status=401)
    sign_in(app, "li", "brand-new-password").get("/api/staff/v1/me")


def test_a_role_change_keeps_tokens_but_takes_effect_at_once(app, admin, make_staff):
    staff = make_staff("li", ["admin"])
    li = sign_in(app, "li")
    li.get(STAFF)
    admin.patch(f"{STAFF}/{staff.id}", json={"roles": ["viewer"]})
    li.get("/api/staff/v1/me")
    li.get(STAFF, status=403)


@pytest.mark.parametrize("change", [{"active": False}, {"roles": ["dispatcher"]}])
def test_the_last_active_admin_cannot_disable_or_demote_themselves(admin, change):
    me = admin.get("/api/staff/v1/me")
    body = admin.patch(f"{STAFF}/{me['id']}", json=change, status=409)
    assert body["code"] == "last_admin"
    assert "管理员" in body["message"]
    assert admin.get("/api/staff/v1/me")["roles"] == ["admin"]


def test_an_admin_may_step_down_while_another_admin_remains(admin, make_staff):
    make_staff("second", ["admin"])
    me = admin.get("/api/staff/v1/me")
    admin.patch(f"{STAFF}/{me['id']}", json={"roles": ["viewer"]})
    admin.get(STAFF, status=403)


def test_a_disabled_admin_does_not_count_as_the_remaining_one(admin, make_staff):
    other = make_staff("second", ["admin"])
    other.update(set__active=False)
    me = admin.get("/api/staff/v1/me")
    admin.patch(f"{STAFF}/{me['id']}", json={"active": False}, status=409)


@pytest.mark.parametrize("role", ["dispatcher", "handler", "viewer"])
def test_non_admins_are_403(login_staff, make_staff, role):
    target = make_staff("target", ["viewer"])
    other = login_staff("someone", [role])
    other.get(STAFF, status=403)
    other.post(STAFF, json=NEW, status=403)
    other.patch(f"{STAFF}/{target.id}", json={"active": False}, status=403)


def test_unknown_accounts_are_404(admin):
    admin.patch(f"{STAFF}/{'0' * 24}", json={"name": "x"}, status=404)
    admin.get(f"{STAFF}/bad-id", status=404)
