"""Staff management: the admin creates, renames and disables; the security admin grants
roles and queues and resets passwords; neither leaves the service without an active one."""

import pytest

from tests.conftest import TEST_PASSWORD, ApiClient

STAFF = "/api/staff/v1/staff"
LOGIN = "/api/staff/v1/auth/login"
NEW = {
    "username": "zhang.san",
    "name": "张三",
    "password": "Kettle-Lamp-42",
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
    assert set(created) == {
        *("id", "username", "name", "roles", "queues", "active"),
        *("mfa_enabled", "must_change_password"),
    }
    assert created["must_change_password"] is True
    assert created["roles"] == ["handler"]
    assert created["active"] is True
    assert [q["key"] for q in created["queues"]] == ["training"]
    first = ApiClient(app.test_client()).post(
        LOGIN, json={"username": "zhang.san", "password": "Kettle-Lamp-42"}
    )
    assert first["must_change_password"] is True
    assert first["staff"]["id"] == created["id"]
    assert admin.get(f"{STAFF}/{created['id']}")["name"] == "张三"


def test_a_taken_username_is_409(admin, demo_queues):
    admin.post(STAFF, json=NEW, status=201)
    assert admin.post(STAFF, json=NEW, status=409)["code"] == "conflict"


@pytest.mark.parametrize("username", ["Admin", "ADMIN", "aDmIn"])
def test_a_username_taken_in_another_case_is_409(admin, username):
    body = admin.post(STAFF, json={**NEW, "username": username, "queues": []}, status=409)
    assert body["code"] == "conflict"
    assert "不区分大小写" in body["message"]


def test_the_admin_may_not_grant_administrator_roles(admin):
    for role in ("admin", "security_admin", "auditor"):
        body = admin.post(STAFF, json={**NEW, "roles": [role], "queues": []}, status=403)
        assert "安全管理员" in body["message"]


@pytest.mark.parametrize(
    "roles",
    [
        ["admin", "auditor"],
        ["security_admin", "auditor"],
        ["admin", "security_admin"],
        ["auditor", "viewer"],
    ],
)
def test_no_account_holds_an_administrator_role_beside_another(security_admin, make_staff, roles):
    staff = make_staff("li", ["viewer"])
    body = security_admin.patch(f"{STAFF}/{staff.id}", json={"roles": roles}, status=400)
    assert "roles" in body["errors"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"roles": ["boss"]}, "roles"),
        ({"roles": []}, "roles"),
        ({"roles": "admin"}, "roles"),
        ({"queues": ["no_such_queue"]}, "queues"),
        ({"queues": "training"}, "queues"),
        ({"username": "has space"}, "username"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_accounts_are_400_naming_the_field(admin, demo_queues, change, field):
    body = admin.post(STAFF, json={**NEW, **change}, status=400)
    assert body["code"] == "validation_error"
    assert field in body["errors"]


def test_admin_renames_and_security_admin_grants_roles_and_queues(
    admin, security_admin, make_staff
):
    staff = make_staff("li", ["handler"], ["training"])
    assert admin.patch(f"{STAFF}/{staff.id}", json={"name": "李四"})["name"] == "李四"
    admin.patch(f"{STAFF}/{staff.id}", json={"roles": ["viewer"]}, status=403)
    admin.patch(f"{STAFF}/{staff.id}", json={"password": "Kettle-Lamp-42"}, status=403)
    security_admin.patch(f"{STAFF}/{staff.id}", json={"name": "王五"}, status=403)
    security_admin.patch(f"{STAFF}/{staff.id}", json={"active": False}, status=403)
    changed = security_admin.patch(
        f"{STAFF}/{staff.id}",
        json={"roles": ["dispatcher", "viewer"], "queues": ["sports", "science"]},
    )
    assert changed["roles"] == ["dispatcher", "viewer"]
    assert [q["key"] for q in changed["queues"]] == ["sports", "science"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"roles": ["boss"]}, "roles"),
        ({"queues": ["nope"]}, "queues"),
        ({"password": "short"}, "password"),
    ],
)
def test_bad_grants_are_400_and_change_nothing(security_admin, make_staff, change, field):
    staff = make_staff("li", ["handler"], ["training"])
    body = security_admin.patch(f"{STAFF}/{staff.id}", json={"queues": [], **change}, status=400)
    assert field in body["errors"]
    assert [q["key"] for q in security_admin.get(f"{STAFF}/{staff.id}")["queues"]] == ["training"]


@pytest.mark.parametrize(
    ("change", "field"), [({"active": "no"}, "active"), ({"name": "x" * 61}, "name")]
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


def test_a_password_reset_kills_old_tokens_and_forces_a_change(app, security_admin, make_staff):
    staff = make_staff("li", ["viewer"])
    li = sign_in(app, "li")
    security_admin.patch(f"{STAFF}/{staff.id}", json={"password": "Brand-New-Pass-7"})
    li.get("/api/staff/v1/me", status=401)
    sign_in(app, "li", TEST_PASSWORD, status=401)
    reset = sign_in(app, "li", "Brand-New-Pass-7")
    assert reset.get("/api/staff/v1/me", status=403)["code"] == "password_change_required"


def test_a_role_change_keeps_tokens_but_takes_effect_at_once(app, security_admin, make_staff):
    staff = make_staff("li", ["dispatcher"])
    li = sign_in(app, "li")
    li.get("/api/staff/v1/complaints")
    security_admin.patch(f"{STAFF}/{staff.id}", json={"roles": ["auditor"]})
    li.get("/api/staff/v1/me")
    li.get("/api/staff/v1/complaints", status=403)


def test_the_last_active_admin_cannot_be_disabled_or_demoted(admin, security_admin):
    me = admin.get("/api/staff/v1/me")
    body = admin.patch(f"{STAFF}/{me['id']}", json={"active": False}, status=409)
    assert body["code"] == "last_admin"
    assert "管理员" in body["message"]
    body = security_admin.patch(f"{STAFF}/{me['id']}", json={"roles": ["viewer"]}, status=409)
    assert body["code"] == "last_admin"
    assert admin.get("/api/staff/v1/me")["roles"] == ["admin"]


def test_an_admin_may_step_down_while_another_admin_remains(admin, security_admin, make_staff):
    make_staff("second", ["admin"])
    me = admin.get("/api/staff/v1/me")
    security_admin.patch(f"{STAFF}/{me['id']}", json={"roles": ["viewer"]})
    admin.get(STAFF, status=403)


def test_a_disabled_admin_does_not_count_as_the_remaining_one(admin, make_staff):
    other = make_staff("second", ["admin"])
    other.update(set__active=False)
    me = admin.get("/api/staff/v1/me")
    admin.patch(f"{STAFF}/{me['id']}", json={"active": False}, status=409)


@pytest.mark.parametrize("role", ["dispatcher", "handler", "viewer", "auditor"])
def test_non_admins_are_403(login_staff, make_staff, role):
    target = make_staff("target", ["viewer"])
    other = login_staff("someone", [role])
    other.get(STAFF, status=403)
    other.post(STAFF, json=NEW, status=403)
    other.patch(f"{STAFF}/{target.id}", json={"active": False}, status=403)


def test_unknown_accounts_are_404(admin):
    admin.patch(f"{STAFF}/{'0' * 24}", json={"name": "x"}, status=404)
    admin.get(f"{STAFF}/bad-id", status=404)
