"""The WeChat access token is fetched once and shared through MongoDB by every app process."""

from server import create_app
from server.wechat import current_wechat
from tests.conftest import app_config


def test_two_app_instances_share_one_access_token(app, fake_wechat, now):
    other = create_app(app_config(fake_wechat))
    other.extensions["clock"].set(now)  # the second process reads the same time
    with app.app_context():
        first = current_wechat().access_token()
    with other.app_context():
        second = current_wechat().access_token()
    assert first == second
    assert fake_wechat.token_fetches == 1


def test_a_token_invalidated_by_wechat_is_fetched_again(app, fake_wechat):
    with app.app_context():
        wechat = current_wechat()
        wechat.access_token()
        fake_wechat.reset()  # WeChat forgets every token it issued
        # The next call is refused with 40001; wechatpy fetches a new token and retries.
        wechat.client.wxa.send_subscribe_message("openid-x", "tmpl", {"thing1": {"value": "x"}})
    assert fake_wechat.token_fetches == 1
