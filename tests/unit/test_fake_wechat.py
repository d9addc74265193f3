"""The fake WeChat server, driven by wechatpy itself over real HTTP on loopback."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from PIL import Image
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.utils import check_signature

from server.wechat.fake import FakeWeChat

APPID, SECRET = "wx-test-appid", "test-secret"


class FakeBackedClient(WeChatClient):
    """wechatpy's client pointed at the fake per instance, as the production wrapper is."""

    def __init__(self, base_url, appid=APPID, secret=SECRET, **kwargs):
        super().__init__(appid, secret, **kwargs)
        self.base_url = base_url
        self.API_BASE_URL = base_url + "cgi-bin/"
        self.wxa.API_BASE_URL = base_url

    def fetch_access_token(self):
        """Fetch from the fake: wechatpy hard-codes api.weixin.qq.com here."""
        params = {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
        return self._fetch_access_token(url=self.base_url + "cgi-bin/token", params=params)


@pytest.fixture
def fake():
    """A running fake WeChat server, stopped after the test."""
    with FakeWeChat(APPID, SECRET) as server:
        yield server


@pytest.fixture
def client(fake):
    """A wechatpy client talking to the fake."""
    return FakeBackedClient(fake.base_url)


@pytest.fixture
def receiver():
    """Our message push endpoint, reduced to a stdlib server that records what it gets."""
    got = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            query = dict(parse_qsl(urlsplit(self.path).query))
            got.append({"path": urlsplit(self.path).path, "query": query, "json": json.loads(raw)})
            self.send_response(200)
            self.send_header("Content-Length", "7")
            self.end_headers()
            self.wfile.write(b"success")

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/mp/v1/wechat/push"
    yield SimpleNamespace(url=url, got=got)
    server.shutdown()
    server.server_close()


def v2(openid="o-parent", **fields):
    """A version-2 security check body."""
    return {"version": 2, "openid": openid, "scene": 2, **fields}


def test_code_to_session_gives_a_stable_openid_per_code(fake, client):
    first = client.wxa.code_to_session("code-a")
    again = client.wxa.code_to_session("code-a")
    other = client.wxa.code_to_session("code-b")
    assert first["openid"] == again["openid"] == fake.openid_for("code-a")
    assert len(first["openid"]) == 28 and first["openid"].startswith("o")
    assert other["openid"] != first["openid"]
    assert first["session_key"] and "errcode" not in first


def test_invalid_code_is_refused_with_40029(client):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.code_to_session("invalid-code")
    assert caught.value.errcode == 40029


@pytest.mark.parametrize(
    ("appid", "secret", "errcode"), [("wx-other", SECRET, 40013), (APPID, "wrong", 40125)]
)
def test_wrong_app_credentials_get_no_token(fake, appid, secret, errcode):
    with pytest.raises(WeChatClientException) as caught:
        FakeBackedClient(fake.base_url, appid, secret).fetch_access_token()
    assert caught.value.errcode == errcode
    assert fake.token_fetches == 0


@pytest.mark.parametrize("errcode", [-1, 45011])
def test_programmed_failure_then_recovery(fake, client, errcode):
    fake.fail_next(errcode=errcode, path="jscode2session")
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.code_to_session("code-a")
    assert caught.value.errcode == errcode
    assert client.wxa.code_to_session("code-a")["openid"] == fake.openid_for("code-a")


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


def test_a_new_token_invalidates_the_old_one(fake, client):
    client.fetch_access_token()
    old = client.access_token
    FakeBackedClient(fake.base_url).fetch_access_token()  # another process rotates it
    answer = requests.post(
        fake.base_url + "wxa/msg_sec_check", params={"access_token": old}, json=v2(content="x")
    ).json()
    assert answer["errcode"] == 40001
    # wechatpy refetches on 40001 and retries with the new token
    assert client.wxa._post("wxa/msg_sec_check", data=v2(content="x"))["errcode"] == 0
    assert client.access_token != old
    assert fake.token_fetches == 3


def test_msg_sec_check_refuses_the_version_1_body(client):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.check_text_security("校外培训")
    assert caught.value.errcode == 47001


def test_msg_sec_check_v2_gives_the_programmed_verdict(fake, client):
    fake.set_text_verdict("违规补课", "risky")
    risky = client.wxa._post("wxa/msg_sec_check", data=v2(content="周末有违规补课"))
    clean = client.wxa._post("wxa/msg_sec_check", data=v2(content="周末在家"))
    assert risky["result"]["suggest"] == "risky" and risky["result"]["label"] != 100
    assert risky["trace_id"] and {d["strategy"] for d in risky["detail"]} >= {"keyword"}
    assert clean["result"] == {"suggest": "pass", "label": 100}


def test_media_check_verdict_is_pushed_with_a_valid_signature(fake, client, receiver):
    fake.push_url = receiver.url
    fake.set_media_verdict("bad.jpg", "risky")
    body = v2(media_url="https://example.org/p/bad.jpg", media_type=2)
    answer = client.wxa._post("wxa/media_check_async", data=body)
    assert fake.wait_idle()
    [push] = receiver.got
    query = push["query"]
    check_signature("demo-push-token", query["signature"], query["timestamp"], query["nonce"])
    assert push["path"] == "/api/mp/v1/wechat/push"
    assert push["json"]["Event"] == "wxa_media_check"
    assert push["json"]["trace_id"] == answer["trace_id"]
    assert push["json"]["result"]["suggest"] == "risky"
    assert fake.media_checks == [
        {"trace_id": answer["trace_id"], "media_url": body["media_url"], "suggest": "risky"}
    ]
    assert fake.pushes == [{"trace_id": answer["trace_id"], "status": 200}]


def test_queued_pushes_wait_for_push_pending(receiver):
    with FakeWeChat(APPID, SECRET, push_url=receiver.url, auto_push=False) as fake:
        client = FakeBackedClient(fake.base_url)
        client.wxa._post("wxa/media_check_async", data=v2(media_url="u/1.jpg", media_type=2))
        assert fake.wait_idle() and receiver.got == []
        assert fake.push_pending() == 1
        assert receiver.got[0]["json"]["result"] == {"suggest": "pass", "label": 100}


def test_media_check_refuses_the_version_1_body(client):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.check_media_async("https://example.org/p/1.jpg", 2)
    assert caught.value.errcode == 47001


def test_subscribe_message_is_sent(fake, client):
    data = {"thing1": {"value": "您的投诉已受理"}}
    answer = client.wxa.send_subscribe_message("o-parent", "tpl-1", data, page="pages/c?id=1")
    assert answer["errcode"] == 0 and answer["msgid"]
    assert fake.sent_messages[0]["touser"] == "o-parent"


@pytest.mark.parametrize(
    ("data", "declined", "errcode"),
    [({"thing1": {"value": "x"}}, 43101, 43101), ({"thing1": {"value": "x"}}, 47003, 47003)]
    + [({}, None, 47003), ({"thing1": {"value": ""}}, None, 47003)],
)
def test_subscribe_message_errors(fake, client, data, declined, errcode):
    if declined:
        fake.decline("o-parent", declined)
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.send_subscribe_message("o-parent", "tpl-1", data)
    assert caught.value.errcode == errcode
    assert fake.sent_messages == []


@pytest.mark.parametrize(("width", "size"), [(None, 430), (280, 280), (5000, 1280)])
def test_wxa_code_is_a_real_png(client, width, size):
    kwargs = {"width": width} if width else {}
    response = client.wxa.get_wxa_code_unlimited("inst=5f1c0a", **kwargs)
    assert response.headers["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (size, size)


def test_wxa_code_refuses_a_long_scene(client):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.get_wxa_code_unlimited("x" * 33)
    assert caught.value.errcode == 40169


def test_wxa_code_with_a_bad_token_answers_json_40001(fake):
    response = requests.post(
        fake.base_url + "wxa/getwxacodeunlimit", params={"access_token": "t"}, json={"scene": "a"}
    )
    assert response.status_code == 200 and response.json()["errcode"] == 40001


def test_unknown_path_is_a_404(fake):
    response = requests.get(fake.base_url + "cgi-bin/nope")
    assert response.status_code == 404 and response.json()["errcode"] == 404


def test_calls_are_logged_and_reset_clears_everything(fake, client):
    client.wxa.code_to_session("code-a")
    fake.fail_next(5)
    assert [c["path"] for c in fake.calls] == ["cgi-bin/token", "sns/jscode2session"]
    assert fake.calls[1]["params"]["js_code"] == "code-a"
    fake.reset()
    assert fake.calls == [] and fake.token_fetches == 0
    # the old token is gone too: wechatpy gets 40001, refetches and retries
    assert client.wxa._post("wxa/msg_sec_check", data=v2(content="x"))["errcode"] == 0


def test_concurrent_requests_and_restart(fake):
    client = FakeBackedClient(fake.base_url)
    client.fetch_access_token()
    results = []
    workers = [
        threading.Thread(target=lambda i=i: results.append(client.wxa.code_to_session(f"c{i}")))
        for i in range(20)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len({r["openid"] for r in results}) == 20
    fake.stop()
    fake.stop()
    with pytest.raises(requests.ConnectionError):
        client.wxa.code_to_session("c1")
    assert FakeBackedClient(fake.start()).wxa.code_to_session("c1")["openid"] == fake.openid_for(
        "c1"
    )
