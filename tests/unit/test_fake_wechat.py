"""The fake WeChat server, driven by wechatpy itself over real HTTP on loopback: login
codes, tokens, programmed failures and delays."""

from datetime import timedelta

import pytest
import requests
from wechatpy.exceptions import WeChatClientException

from server.emulators.wechat.fake import FakeWeChat
from tests.support.fake_wechat_client import APPID, SECRET, T0, FakeBackedClient, v2


def test_code_to_session_gives_a_stable_openid_per_user(fake, client):
    first = client.wxa.code_to_session(fake.login_code("user-a"))
    again = client.wxa.code_to_session(fake.login_code("user-a"))
    other = client.wxa.code_to_session(fake.login_code("user-b"))
    assert first["openid"] == again["openid"] == fake.openid_for("user-a")
    assert len(first["openid"]) == 28
    assert first["openid"].startswith("o")
    assert other["openid"] != first["openid"]
    assert first["session_key"]
    assert "errcode" not in first


def _login_errcode(client, code):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.code_to_session(code)
    return caught.value.errcode


def test_codes_are_single_use_expire_and_must_be_issued(fake, client):
    code = fake.login_code("user-a")
    client.wxa.code_to_session(code)
    assert _login_errcode(client, code) == 40163
    assert _login_errcode(client, "never-issued") == 40029
    assert _login_errcode(client, "invalid-code") == 40029
    fake.clock.set(T0, frozen=True)
    late = fake.login_code("user-a")
    fake.clock.advance(timedelta(minutes=5))
    assert _login_errcode(client, late) == 40029


def test_demo_takes_any_unseen_well_formed_code_once():
    with FakeWeChat(APPID, SECRET, accept_unseen_codes=True) as fake:
        client = FakeBackedClient(fake.base_url)
        first = client.wxa.code_to_session("demo-parent-1")
        assert first["openid"] == fake.openid_for("demo-parent-1")
        assert _login_errcode(client, "demo-parent-1") == 40163
        assert _login_errcode(client, "invalid-demo") == 40029
        assert _login_errcode(client, "with space") == 40029


@pytest.mark.parametrize(
    ("appid", "secret", "errcode"), [("wx-other", SECRET, 40013), (APPID, "wrong", 40001)]
)
def test_wrong_app_credentials_get_no_token(fake, appid, secret, errcode):
    with pytest.raises(WeChatClientException) as caught:
        FakeBackedClient(fake.base_url, appid, secret).fetch_access_token()
    assert caught.value.errcode == errcode
    assert fake.token_fetches == 0


@pytest.mark.parametrize("errcode", [-1, 45011])
def test_programmed_failure_then_recovery(fake, client, errcode):
    fake.fail_next(errcode=errcode, path="jscode2session")
    assert _login_errcode(client, fake.login_code("a")) == errcode
    assert client.wxa.code_to_session(fake.login_code("a"))["openid"] == fake.openid_for("a")


def test_server_error_status_has_no_json_body(fake, client):
    client.fetch_access_token()
    fake.fail_next(status=502)
    with pytest.raises(WeChatClientException) as caught:
        client.wxa._post("wxa/msg_sec_check", data=v2(content="你好"))
    assert caught.value.errcode is None
    assert caught.value.response.status_code == 502
    assert "json" not in caught.value.response.headers["Content-Type"]


def test_delay_makes_the_client_time_out(fake):
    client = FakeBackedClient(fake.base_url, timeout=0.2)
    client.fetch_access_token()
    fake.set_delay(1, path="msg_sec_check")
    with pytest.raises(requests.Timeout):
        client.wxa._post("wxa/msg_sec_check", data=v2(content="你好"))
    fake.set_delay(0)
    assert client.wxa._post("wxa/msg_sec_check", data=v2(content="你好"))["errcode"] == 0


def _check(fake, token):
    """What msgSecCheck answers to a request carrying `token`."""
    return requests.post(
        fake.base_url + "wxa/msg_sec_check", params={"access_token": token}, json=v2(content="x")
    ).json()["errcode"]


def test_stable_tokens_are_shared_and_renewed_with_five_minutes_of_overlap(fake, client):
    fake.clock.set(T0, frozen=True)
    first = client.fetch_access_token()
    assert FakeBackedClient(fake.base_url).fetch_access_token() == first  # same token
    fake.clock.set(T0 + timedelta(seconds=6899), frozen=True)
    assert (
        FakeBackedClient(fake.base_url).fetch_access_token()["access_token"]
        == (first["access_token"])
    )
    fake.clock.set(T0 + timedelta(seconds=6901), frozen=True)  # the last 5 minutes
    renewed = FakeBackedClient(fake.base_url).fetch_access_token()
    assert renewed["access_token"] != first["access_token"]
    assert renewed["expires_in"] == 7200
    assert _check(fake, first["access_token"]) == 0 == _check(fake, renewed["access_token"])
    fake.clock.set(T0 + timedelta(seconds=7200), frozen=True)
    assert _check(fake, first["access_token"]) == 42001
    assert _check(fake, renewed["access_token"]) == 0


def test_a_forced_refresh_revokes_the_old_token_once_per_30_seconds(fake, client):
    fake.clock.set(T0, frozen=True)
    old = client.fetch_access_token()["access_token"]
    new = client.fetch_access_token(force=True)["access_token"]
    assert _check(fake, old) == 40001
    assert _check(fake, new) == 0
    assert client.fetch_access_token(force=True)["access_token"] == new  # too soon
    fake.clock.advance(timedelta(seconds=30))
    assert client.fetch_access_token(force=True)["access_token"] != new


def test_plain_tokens_are_isolated_and_overlap_when_renewed(fake, client):
    fake.clock.set(T0, frozen=True)
    stable = client.fetch_access_token()["access_token"]
    params = {"grant_type": "client_credential", "appid": APPID, "secret": SECRET}
    plain = requests.get(fake.base_url + "cgi-bin/token", params=params).json()["access_token"]
    again = requests.get(fake.base_url + "cgi-bin/token", params=params).json()["access_token"]
    assert _check(fake, stable) == 0
    assert _check(fake, plain) == 0 == _check(fake, again)
    fake.clock.advance(timedelta(seconds=300))
    assert _check(fake, plain) == 42001
    assert _check(fake, again) == 0
    assert _check(fake, "never-issued") == 40001
    assert _check(fake, "") == 41001


def test_wechatpy_recovers_from_a_revoked_token(fake, client):
    client.fetch_access_token()
    old = client.access_token
    FakeBackedClient(fake.base_url).fetch_access_token(force=True)  # another process
    assert _check(fake, old) == 40001
    # wechatpy refetches on 40001 and retries with the new token
    assert client.wxa._post("wxa/msg_sec_check", data=v2(content="x"))["errcode"] == 0
    assert client.access_token != old


def test_a_stale_openid_gets_61010(fake, client):
    fake.set_stale_openids()
    with pytest.raises(WeChatClientException) as caught:
        client.wxa._post("wxa/msg_sec_check", data=v2(content="x"))
    assert caught.value.errcode == 61010
    fake.set_stale_openids(False)
    assert client.wxa._post("wxa/msg_sec_check", data=v2(content="x"))["errcode"] == 0
