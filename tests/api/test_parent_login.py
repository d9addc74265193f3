"""Parent sign-in through wx.login codes against the fake WeChat server, strict as WeChat:
each code works once (then 40163), expires after 5 minutes, unknown codes are 40029."""

from datetime import UTC, datetime, timedelta

import pytest

from models.parent import Parent

LOGIN = "/api/mp/v1/auth/login"
T0 = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)


def test_login_issues_a_token_and_keeps_the_session_key_on_the_server(client, fake_wechat):
    body = client.post(LOGIN, json={"code": fake_wechat.login_code("parent-a")})
    assert set(body) == {"token", "expires_in"}
    assert body["expires_in"] > 0
    parent = Parent.objects.get()
    assert parent.openid == fake_wechat.openid_for("parent-a")
    assert parent.session_key
    assert parent.session_key not in str(body)


def test_new_codes_of_one_user_sign_in_one_parent(client, fake_wechat):
    client.post(LOGIN, json={"code": fake_wechat.login_code("a")})
    client.post(LOGIN, json={"code": fake_wechat.login_code("a")})
    client.post(LOGIN, json={"code": fake_wechat.login_code("b")})
    assert Parent.objects.count() == 2


def test_a_code_works_once(client, fake_wechat):
    code = fake_wechat.login_code("a")
    client.post(LOGIN, json={"code": code})
    assert client.post(LOGIN, json={"code": code}, status=400)["code"] == "invalid_code"
    assert fake_wechat.calls[-1]["path"] == "sns/jscode2session"


def test_a_code_expires_after_five_minutes(client, fake_wechat):
    fake_wechat.clock.set(T0, frozen=True)
    code = fake_wechat.login_code("a")
    fake_wechat.clock.set(T0 + timedelta(minutes=5), frozen=True)
    assert client.post(LOGIN, json={"code": code}, status=400)["code"] == "invalid_code"
    fresh = fake_wechat.login_code("a")
    fake_wechat.clock.set(T0 + timedelta(minutes=9, seconds=59), frozen=True)
    client.post(LOGIN, json={"code": fresh})


def test_login_never_fetches_an_access_token(client, fake_wechat):
    client.post(LOGIN, json={"code": fake_wechat.login_code("a")})
    assert fake_wechat.token_fetches == 0


@pytest.mark.parametrize(
    "payload",
    [{"code": "invalid-code"}, {"code": "never-issued"}, {"code": ""}, {}, {"code": 42}],
)
def test_invalid_codes_answer_400(client, payload):
    body = client.post(LOGIN, json=payload, status=400)
    assert body["code"] == "invalid_code"
    assert Parent.objects.count() == 0


@pytest.mark.parametrize(
    "program",
    [
        {"errcode": -1},  # system busy
        {"errcode": 45011},  # rate limited
        {"status": 502},  # gateway error page
    ],
)
def test_wechat_failures_answer_503_and_login_recovers(client, fake_wechat, program):
    fake_wechat.fail_next(1, **program)
    body = client.post(LOGIN, json={"code": fake_wechat.login_code("a")}, status=503)
    assert body["code"] == "wechat_unavailable"
    client.post(LOGIN, json={"code": fake_wechat.login_code("a")})
    assert Parent.objects.count() == 1


def test_wechat_timeout_answers_503_and_login_recovers(client, fake_wechat):
    fake_wechat.set_delay(1.5)  # the app's WeChat timeout in tests is 1 s
    code = fake_wechat.login_code("a")
    assert client.post(LOGIN, json={"code": code}, status=503)["code"] == "wechat_unavailable"
    fake_wechat.set_delay(0)
    client.post(LOGIN, json={"code": fake_wechat.login_code("a")})


def test_login_logs_neither_code_nor_token(client, caplog, fake_wechat):
    caplog.set_level("DEBUG")
    code = fake_wechat.login_code("a")
    body = client.post(LOGIN, json={"code": code})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/mp/v1/auth/login 200" in logged
    assert code not in logged
    assert body["token"] not in logged
    assert Parent.objects.get().session_key not in logged
