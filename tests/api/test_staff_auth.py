"""Staff sign-in, lockout after repeated failures, roles on the account list."""

from datetime import timedelta

import pytest

from models.infra import RateWindow
from tests.conftest import TEST_PASSWORD

LOGIN = "/api/staff/v1/auth/login"


def test_login_returns_token_and_account_shape(client, make_staff):
    make_staff("handler1", ["handler"], ["training"])
    body = client.post(LOGIN, json={"username": "handler1", "password": TEST_PASSWORD})
    assert body["expires_in"] > 0
    staff = body["staff"]
    assert set(staff) == {
        *("id", "username", "name", "roles", "queues", "active"),
        *("mfa_enabled", "must_change_password"),
    }
    assert body["must_change_password"] is False
    assert body["must_enrol_mfa"] is False
    assert body["device_token"]
    assert staff["roles"] == ["handler"]
    assert [(q["key"], q["name"]) for q in staff["queues"]] == [("training", "校外培训监管股")]
    assert set(staff["queues"][0]) == {"id", "key", "name"}
    assert TEST_PASSWORD not in str(body)
    assert "hash" not in str(body)


def test_me_shows_the_signed_in_account(login_staff):
    me = login_staff("dispatcher", ["dispatcher"]).get("/api/staff/v1/me")
    assert me["username"] == "dispatcher"
    assert me["roles"] == ["dispatcher"]


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "admin", "password": "wrong-password"},
        {"username": "nobody", "password": TEST_PASSWORD},
    ],
)
def test_bad_credentials_are_401_without_telling_which(client, make_staff, payload):
    make_staff("admin", ["admin"])
    body = client.post(LOGIN, json=payload, status=401)
    assert body["code"] == "bad_credentials"


def test_missing_fields_are_a_validation_error(client):
    body = client.post(LOGIN, json={"password": "x"}, status=400)
    assert body["code"] == "validation_error"
    assert "username" in body["errors"]


def test_disabled_account_cannot_sign_in(client, make_staff):
    staff = make_staff("gone", ["viewer"])
    staff.update(set__active=False)
    client.post(LOGIN, json={"username": "gone", "password": TEST_PASSWORD}, status=401)


def test_five_failures_lock_the_username_at_its_address_until_the_window_passes(client, make_staff):
    make_staff("admin", ["admin"])
    for _ in range(5):
        client.post(LOGIN, json={"username": "admin", "password": "wrong"}, status=401)
    # Locked now, even with the right password.
    body = client.post(LOGIN, json={"username": "admin", "password": TEST_PASSWORD}, status=429)
    assert body["code"] == "locked"
    # Let the 15-minute window run out by ageing its start in the store.
    window = RateWindow.objects.get(key="staff-login-unknown:admin")
    window.update(set__started_at=window.started_at - timedelta(minutes=16))
    client.post(LOGIN, json={"username": "admin", "password": TEST_PASSWORD})


def test_a_success_clears_earlier_failures(client, make_staff):
    make_staff("admin", ["admin"])
    for _ in range(4):
        client.post(LOGIN, json={"username": "admin", "password": "wrong"}, status=401)
    client.post(LOGIN, json={"username": "admin", "password": TEST_PASSWORD})
    for _ in range(4):
        client.post(LOGIN, json={"username": "admin", "password": "wrong"}, status=401)
    client.post(LOGIN, json={"username": "admin", "password": TEST_PASSWORD})


def test_staff_list_is_for_admins_only(admin, login_staff):
    body = admin.get("/api/staff/v1/staff")
    assert [s["username"] for s in body["items"]] == ["admin"]
    assert body["total"] == 1
    assert body["page"] == 1
    assert body["per_page"] == 20
    for username, role in [("disp", "dispatcher"), ("view", "viewer"), ("hand", "handler")]:
        other = login_staff(username, [role])
        assert other.get("/api/staff/v1/staff", status=403)["code"] == "forbidden"


def test_create_staff_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-staff",
            "--username",
            "clerk",
            "--name",
            "张三",
            "--role",
            "handler",
            "--queue",
            "triage",
            "--password",
            "Long-Enough-Pw7",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Long-Enough-Pw7" not in result.output
    result = runner.invoke(
        args=[
            "create-staff",
            "--username",
            "clerk2",
            "--name",
            "李四",
            "--role",
            "handler",
            "--queue",
            "no_such_queue",
            "--password",
            "Long-Enough-Pw7",
        ]
    )
    assert result.exit_code != 0
    assert "no_such_queue" in result.output
