"""The access token is WeChat's stable token, fetched once and shared through MongoDB by
every app process, renewed before it expires, and force-refreshed once when refused."""

from datetime import timedelta

import pytest
import requests

from server.app import create_app
from server.wechat import WeChatError, current_wechat
from tests.conftest import FIXED_NOW, app_config

# Ahead of the wall clock: MongoDB's TTL monitor (and mongomock on every read) deletes by the
# wall clock, so a cached token stamped to expire at a past instant would vanish.
T0 = FIXED_NOW  # the suite's default instant: tokens signed in by fixtures are valid at it
SEND = "cgi-bin/message/subscribe/send"


@pytest.fixture
def at_t0(app, fake_wechat):
    """The app's and the fake WeChat's clocks standing at T0; moved together by the test."""
    clocks = (app.extensions["clock"], fake_wechat.clock)
    for clock in clocks:
        clock.set(T0, frozen=True)
    yield lambda delta: [clock.set(T0 + delta, frozen=True) for clock in clocks]
    for clock in clocks:
        clock.reset()


def token_calls(fake_wechat):
    """The stable_token calls so far, as {"force_refresh": ...} bodies."""
    return [c["json"] for c in fake_wechat.calls if c["path"] == "cgi-bin/stable_token"]


def test_two_app_instances_share_one_stable_token(app, fake_wechat, now):
    other = create_app(app_config(fake_wechat))
    other.extensions["clock"].set(now)  # the second process reads the same time
    with app.app_context():
        first = current_wechat().access_token()
    with other.app_context():
        second = current_wechat().access_token()
    assert first == second
    assert [c["force_refresh"] for c in token_calls(fake_wechat)] == [False]


def test_another_system_fetching_cgi_bin_token_does_not_disturb_ours(app, fake_wechat):
    with app.app_context():
        ours = current_wechat().access_token()
        params = {"grant_type": "client_credential", "appid": fake_wechat.appid}
        params["secret"] = fake_wechat.secret
        for _ in range(3):  # e.g. an old admin script on the same AppID
            requests.get(fake_wechat.base_url + "cgi-bin/token", params=params, timeout=5)
        assert current_wechat().check_text("o-x", "周末补课") == "pass"
        assert current_wechat().access_token() == ours
    assert len(token_calls(fake_wechat)) == 1


def test_the_token_is_renewed_in_its_last_five_minutes_in_normal_mode(app, fake_wechat, at_t0):
    with app.app_context():
        first = current_wechat().access_token()
        at_t0(timedelta(seconds=6899))
        assert current_wechat().access_token() == first  # cached, no call
        at_t0(timedelta(seconds=6901))
        renewed = current_wechat().access_token()
        assert renewed != first
        assert current_wechat().check_text("o-x", "在家") == "pass"
    assert [c["force_refresh"] for c in token_calls(fake_wechat)] == [False, False]
    # A process still holding the old token keeps working until its own end.
    check = fake_wechat.base_url + "wxa/msg_sec_check"
    body = {"version": 2, "openid": "o-x", "scene": 3, "content": "x"}
    answer = requests.post(check, params={"access_token": first}, json=body, timeout=5).json()
    assert answer["errcode"] == 0


def test_a_refused_token_is_force_refreshed_once(app, fake_wechat):
    with app.app_context():
        wechat = current_wechat()
        old = wechat.access_token()
        fake_wechat.tokens.reset()  # WeChat forgets every token it issued: 40001
        assert wechat.check_text("o-x", "在家") == "pass"
        assert wechat.access_token() != old
    assert [c["force_refresh"] for c in token_calls(fake_wechat)] == [False, True]


def test_a_token_refused_twice_is_not_refreshed_again_within_one_call(app, fake_wechat):
    with app.app_context():
        wechat = current_wechat()
        wechat.access_token()
        fake_wechat.fail_next(2, errcode=40001, path="msg_sec_check")
        with pytest.raises(WeChatError) as caught:
            wechat.check_text("o-x", "在家")
        assert getattr(caught.value, "errcode", None) == 40001
        assert getattr(caught.value, "transient", None) is True  # the outbox tries later
    assert [c["force_refresh"] for c in token_calls(fake_wechat)] == [False, True]


def test_a_refusal_after_another_process_refreshed_uses_its_token(app, fake_wechat, now):
    other = create_app(app_config(fake_wechat))
    other.extensions["clock"].set(now)  # the second process reads the same time
    with app.app_context():
        current_wechat().access_token()
    with other.app_context():
        fake_wechat.tokens.reset()
        assert current_wechat().check_text("o-x", "在家") == "pass"  # forces one refresh
    with app.app_context():
        assert current_wechat().check_text("o-x", "在家") == "pass"  # reads it from MongoDB
    assert [c["force_refresh"] for c in token_calls(fake_wechat)] == [False, True]


def test_a_wrong_secret_is_40001_from_stable_token(app, fake_wechat):
    wrong = create_app(app_config(fake_wechat, WECHAT_SECRET="not-the-secret"))
    with wrong.app_context(), pytest.raises(WeChatError) as caught:
        current_wechat().access_token()
    assert caught.value.errcode == 40001
