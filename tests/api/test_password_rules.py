"""Password rules (等保 2.0: complexity, no reuse, periodic change): each refusal names its
rule; a first sign-in, a reset and an expired password force a change through PATCH /me."""

from datetime import timedelta

import pytest

from tests.conftest import TEST_PASSWORD, ApiClient

LOGIN = "/api/staff/v1/auth/login"
ME = "/api/staff/v1/me"


def sign_in(app, username, password=TEST_PASSWORD, status=200):
    return ApiClient(app.test_client()).post(
        LOGIN, json={"username": username, "password": password}, status=status
    )


def change(client, old, new, status=200):
    return client.patch(ME, json={"old_password": old, "password": new}, status=status)


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("12345678", "length"),
        ("password", "length"),
        ("aaaaaaaa", "length"),
        (" " * 8, "length"),
        ("Sh0rt-pw", "length"),
        ("alllowercaseletters", "classes"),
        ("ALLUPPER-WITH-SYMBOLS", "classes"),
        ("1234567890123", "classes"),
        ("P@ssw0rd123", "common"),
        ("pASSWORD123!", "common"),
        ("1QAZ2WSX3EDC!", "common"),
        ("Clerk-Office-2026", "username"),
        ("my-CLERK-pass9", "username"),
    ],
)
def test_each_weak_password_is_refused_naming_its_rule(login_staff, password, rule):
    clerk = login_staff("clerk", ["viewer"])
    body = change(clerk, TEST_PASSWORD, password, status=400)
    assert body["code"] == "weak_password"
    assert body["rule"] == rule
    assert body["errors"]["password"] == body["message"]
    clerk.get(ME)  # refused: nothing changed, the token still works


def test_a_strong_password_is_taken_and_the_old_one_stops(app, login_staff):
    clerk = login_staff("clerk", ["viewer"])
    body = change(clerk, TEST_PASSWORD, "Kettle-Lamp-42")
    assert body["must_change_password"] is False
    clerk.get(ME, status=401)  # the change ended every other session, this one's too
    ApiClient(app.test_client(), body["token"]).get(ME)
    sign_in(app, "clerk", TEST_PASSWORD, status=401)
    sign_in(app, "clerk", "Kettle-Lamp-42")


def test_the_old_password_must_be_right(login_staff):
    clerk = login_staff("clerk", ["viewer"])
    body = change(clerk, "not-it", "Kettle-Lamp-42", status=400)
    assert body["code"] == "wrong_password"
    assert "old_password" in body["errors"]


def test_the_last_five_passwords_are_not_reused(app, login_staff):
    client, current = login_staff("clerk", ["viewer"]), TEST_PASSWORD
    used = [f"Kettle-Lamp-{n}{n}" for n in range(5)]
    for new in used:
        client = ApiClient(app.test_client(), change(client, current, new)["token"])
        current = new
    for old in used:  # the current one and the four before it
        assert change(client, current, old, status=400)["rule"] == "reused"
    client = ApiClient(app.test_client(), change(client, current, "Kettle-Lamp-55")["token"])
    change(client, "Kettle-Lamp-55", used[0])  # six back: allowed again


def test_a_first_sign_in_must_change_the_password_first(app, admin):
    body = {"username": "newbie", "name": "新人", "password": "Kettle-Lamp-42", "roles": ["viewer"]}
    admin.post("/api/staff/v1/staff", json=body, status=201)
    first = sign_in(app, "newbie", "Kettle-Lamp-42")
    assert first["must_change_password"] is True
    limited = ApiClient(app.test_client(), first["token"])
    for path in (ME, "/api/staff/v1/complaints", "/api/staff/v1/institutions"):
        assert limited.get(path, status=403)["code"] == "password_change_required"
    changed = change(limited, "Kettle-Lamp-42", "Violet-Stone-77")
    assert changed["must_change_password"] is False
    ApiClient(app.test_client(), changed["token"]).get("/api/staff/v1/complaints")
    assert sign_in(app, "newbie", "Violet-Stone-77")["must_change_password"] is False


def test_a_password_older_than_the_limit_must_change(app, clock, make_staff):
    make_staff("clerk", ["viewer"])
    assert sign_in(app, "clerk")["must_change_password"] is False
    clock.advance(timedelta(days=app.config["PASSWORD_MAX_AGE_DAYS"] + 1))
    assert sign_in(app, "clerk")["must_change_password"] is True


def test_usernames_are_unique_whatever_their_case_and_sign_in_ignores_it(app, admin, make_staff):
    make_staff("clerk", ["viewer"])
    body = {"username": "CLERK", "name": "x", "password": "Kettle-Lamp-42", "roles": ["viewer"]}
    assert admin.post("/api/staff/v1/staff", json=body, status=409)["code"] == "conflict"
    assert sign_in(app, "Clerk")["staff"]["username"] == "clerk"
