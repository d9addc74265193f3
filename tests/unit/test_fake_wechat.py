"""The fake WeChat server, driven by wechatpy itself over real HTTP on loopback."""

import io
import json
import threading
from datetime import UTC, datetime, timedelta
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
from tests.image_bytes import jpeg

APPID, SECRET = "wx-test-appid", "test-secret"
T0 = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)
TEMPLATES = {"tpl-1": ("投诉处理进度通知", "编号:{{character_string1.DATA}}\n说明:{{thing2.DATA}}")}


class FakeBackedClient(WeChatClient):
    """wechatpy's client pointed at the fake per instance, as the production wrapper is."""

    def __init__(self, base_url, appid=APPID, secret=SECRET, **kwargs):
        super().__init__(appid, secret, **kwargs)
        self.base_url = base_url
        self.API_BASE_URL = base_url + "cgi-bin/"
        self.wxa.API_BASE_URL = base_url

    def fetch_access_token(self, force=False):
        """A stable token from the fake (wechatpy 1.8 knows only cgi-bin/token)."""
        body = {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
        result = self._http.post(
            self.base_url + "cgi-bin/stable_token", json=dict(body, force_refresh=force)
        ).json()
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result["errmsg"], client=self)
        self.session.set(self.access_token_key, result["access_token"], result["expires_in"])
        return result


@pytest.fixture
def fake():
    """A running fake WeChat server, stopped after the test."""
    with FakeWeChat(APPID, SECRET, templates=TEMPLATES) as server:
        yield server


@pytest.fixture
def client(fake):
    """A wechatpy client talking to the fake."""
    return FakeBackedClient(fake.base_url)


@pytest.fixture
def receiver():
    """Our message push endpoint, reduced to a stdlib server that records what it gets."""
    got = []
    picture = jpeg()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            found = urlsplit(self.path).path.endswith(".jpg")
            self.send_response(200 if found else 404)
            self.send_header("Content-Length", str(len(picture) if found else 0))
            self.end_headers()
            if found:
                self.wfile.write(picture)

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
    base = f"http://127.0.0.1:{server.server_port}"
    yield SimpleNamespace(url=base + "/api/mp/v1/wechat/push", media=base + "/media/", got=got)
    server.shutdown()
    server.server_close()


def v2(openid="o-parent", **fields):
    """A version-2 security check body."""
    return {"version": 2, "openid": openid, "scene": 2, **fields}


def test_code_to_session_gives_a_stable_openid_per_user(fake, client):
    first = client.wxa.code_to_session(fake.login_code("user-a"))
    again = client.wxa.code_to_session(fake.login_code("user-a"))
    other = client.wxa.code_to_session(fake.login_code("user-b"))
    assert first["openid"] == again["openid"] == fake.openid_for("user-a")
    assert len(first["openid"]) == 28 and first["openid"].startswith("o")
    assert other["openid"] != first["openid"]
    assert first["session_key"] and "errcode" not in first


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
    assert renewed["access_token"] != first["access_token"] and renewed["expires_in"] == 7200
    assert _check(fake, first["access_token"]) == 0 == _check(fake, renewed["access_token"])
    fake.clock.set(T0 + timedelta(seconds=7200), frozen=True)
    assert _check(fake, first["access_token"]) == 42001
    assert _check(fake, renewed["access_token"]) == 0


def test_a_forced_refresh_revokes_the_old_token_once_per_30_seconds(fake, client):
    fake.clock.set(T0, frozen=True)
    old = client.fetch_access_token()["access_token"]
    new = client.fetch_access_token(force=True)["access_token"]
    assert _check(fake, old) == 40001 and _check(fake, new) == 0
    assert client.fetch_access_token(force=True)["access_token"] == new  # too soon
    fake.clock.advance(timedelta(seconds=30))
    assert client.fetch_access_token(force=True)["access_token"] != new


def test_plain_tokens_are_isolated_and_overlap_when_renewed(fake, client):
    fake.clock.set(T0, frozen=True)
    stable = client.fetch_access_token()["access_token"]
    params = {"grant_type": "client_credential", "appid": APPID, "secret": SECRET}
    plain = requests.get(fake.base_url + "cgi-bin/token", params=params).json()["access_token"]
    again = requests.get(fake.base_url + "cgi-bin/token", params=params).json()["access_token"]
    assert _check(fake, stable) == 0 and _check(fake, plain) == 0 == _check(fake, again)
    fake.clock.advance(timedelta(seconds=300))
    assert _check(fake, plain) == 42001 and _check(fake, again) == 0
    assert _check(fake, "never-issued") == 40001 and _check(fake, "") == 41001


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
    body = v2(media_url=receiver.media + "bad.jpg", media_type=2)
    answer = client.wxa._post("wxa/media_check_async", data=body)
    assert fake.wait_idle()
    [push] = receiver.got
    query = push["query"]
    check_signature("demo-push-token", query["signature"], query["timestamp"], query["nonce"])
    assert push["path"] == "/api/mp/v1/wechat/push"
    assert push["json"]["Event"] == "wxa_media_check"
    assert push["json"]["trace_id"] == answer["trace_id"]
    assert push["json"]["result"]["suggest"] == "risky" and push["json"]["errcode"] == 0
    assert fake.media_checks == [
        {"trace_id": answer["trace_id"], "media_url": body["media_url"], "suggest": "risky"}
    ]
    [log] = fake.pushes
    assert (log["trace_id"], log["status"], log["downloaded"]) == (answer["trace_id"], 200, True)


@pytest.mark.parametrize("path", ["missing.png", "https://127.0.0.1:1/nothing.jpg"])
def test_a_picture_wechat_cannot_download_is_pushed_as_failure_1008(fake, client, receiver, path):
    fake.push_url = receiver.url
    media_url = path if path.startswith("https:") else receiver.media + path
    client.wxa._post("wxa/media_check_async", data=v2(media_url=media_url, media_type=2))
    assert fake.wait_idle()
    [push] = receiver.got
    assert push["json"]["errcode"] == -1008 and "下载错误" in push["json"]["errmsg"]
    assert "result" not in push["json"]
    assert fake.pushes[0]["downloaded"] is False


def test_queued_pushes_wait_for_push_pending(receiver):
    with FakeWeChat(APPID, SECRET, push_url=receiver.url, auto_push=False) as fake:
        client = FakeBackedClient(fake.base_url)
        body = v2(media_url=receiver.media + "1.jpg", media_type=2)
        client.wxa._post("wxa/media_check_async", data=body)
        assert fake.wait_idle() and receiver.got == []
        assert fake.push_pending() == 1
        assert receiver.got[0]["json"]["result"] == {"suggest": "pass", "label": 100}


def test_media_check_refuses_the_version_1_body(client):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.check_media_async("https://example.org/p/1.jpg", 2)
    assert caught.value.errcode == 47001


GOOD = {"character_string1": {"value": "TS202606090001"}, "thing2": {"value": "您的投诉已受理"}}


def test_subscribe_message_is_sent(fake, client):
    answer = client.wxa.send_subscribe_message(
        "o-parent", "tpl-1", GOOD, page="pages/complaint/detail?no=TS1"
    )
    assert answer["errcode"] == 0 and answer["msgid"]
    assert fake.sent_messages[0]["touser"] == "o-parent"


def _send_errcode(client, template_id="tpl-1", data=GOOD, page=None):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.send_subscribe_message("o-parent", template_id, data, page=page)
    return caught.value.errcode


@pytest.mark.parametrize(
    ("changes", "errcode"),
    [
        ({"template_id": "tpl-unknown"}, 40037),
        ({"data": {}}, 47003),
        ({"data": dict(GOOD, thing2={"value": ""})}, 47003),
        ({"data": dict(GOOD, thing2={"value": "字" * 21})}, 47003),
        ({"data": dict(GOOD, character_string1={"value": "编号" * 3})}, 47003),
        ({"data": dict(GOOD, character_string1={"value": "T" * 33})}, 47003),
        ({"data": dict(GOOD, extra3={"value": "x"})}, 47003),
        ({"page": "pages/not/there"}, 41030),
    ],
)
def test_subscribe_messages_wechat_refuses(fake, client, changes, errcode):
    assert _send_errcode(client, **changes) == errcode
    assert fake.sent_messages == []


def test_templates_are_listed_as_gettemplate_does(client):
    answer = client.wxa._get("wxaapi/newtmpl/gettemplate")
    assert answer["data"] == [
        {
            "priTmplId": "tpl-1",
            "title": TEMPLATES["tpl-1"][0],
            "content": TEMPLATES["tpl-1"][1],
            "example": "",
            "type": 2,
        }
    ]


def test_a_declined_user_gets_43101(fake, client):
    fake.decline("o-parent")
    assert _send_errcode(client) == 43101


def _code(client, **fields):
    return client.wxa._post("wxa/getwxacodeunlimit", data={"scene": "inst=5f1c0a", **fields})


@pytest.mark.parametrize(("width", "size"), [(None, 430), (280, 280), (5000, 1280)])
def test_wxa_code_is_a_real_jpeg(client, width, size):
    response = _code(client, **({"width": width} if width else {}))
    assert response.headers["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG" and image.size == (size, size)


def test_a_transparent_wxa_code_is_a_png(client):
    response = _code(client, is_hyaline=True)
    assert Image.open(io.BytesIO(response.content)).format == "PNG"


@pytest.mark.parametrize(
    ("fields", "errcode"),
    [
        ({"page": "pages/unreleased/page"}, 41030),
        ({"page": "/pages/institution/detail"}, 41030),
        ({"page": "pages/institution/detail?id=1"}, 41030),
        ({"scene": "x" * 33}, 40169),
        ({"env_version": "beta"}, 47001),
    ],
)
def test_wxa_code_refusals(client, fields, errcode):
    with pytest.raises(WeChatClientException) as caught:
        _code(client, **fields)
    assert caught.value.errcode == errcode


def test_wxa_code_page_checks_follow_check_path_and_the_version(fake, client):
    page = {"page": "pages/new/page"}
    fake.registry.publish(["pages/new/page"], "trial")
    assert _code(client, env_version="trial", **page).headers["Content-Type"] == "image/jpeg"
    with pytest.raises(WeChatClientException):
        _code(client, **page)  # not in the released version
    assert _code(client, check_path=False, **page).status_code == 200


def test_wxa_code_with_a_bad_token_answers_json_40001(fake):
    response = requests.post(
        fake.base_url + "wxa/getwxacodeunlimit", params={"access_token": "t"}, json={"scene": "a"}
    )
    assert response.status_code == 200 and response.json()["errcode"] == 40001


def test_unknown_path_is_a_404(fake):
    response = requests.get(fake.base_url + "cgi-bin/nope")
    assert response.status_code == 404 and response.json()["errcode"] == 404


def test_calls_are_logged_and_reset_clears_everything(fake, client):
    code = fake.login_code("a")
    client.wxa.code_to_session(code)
    fake.fail_next(5)
    assert [c["path"] for c in fake.calls] == ["cgi-bin/stable_token", "sns/jscode2session"]
    assert fake.calls[1]["params"]["js_code"] == code
    fake.reset()
    assert fake.calls == [] and fake.token_fetches == 0
    # the old token is gone too: wechatpy gets 40001, refetches and retries
    assert client.wxa._post("wxa/msg_sec_check", data=v2(content="x"))["errcode"] == 0


def test_concurrent_requests_and_restart(fake):
    client = FakeBackedClient(fake.base_url)
    client.fetch_access_token()
    results = []
    codes = [fake.login_code(f"c{i}") for i in range(20)]
    workers = [
        threading.Thread(target=lambda c=c: results.append(client.wxa.code_to_session(c)))
        for c in codes
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len({r["openid"] for r in results}) == 20
    fake.stop()
    fake.stop()
    with pytest.raises(requests.ConnectionError):
        client.wxa.code_to_session(fake.login_code("c1"))
    restarted = FakeBackedClient(fake.start())
    assert restarted.wxa.code_to_session(fake.login_code("c1"))["openid"] == fake.openid_for("c1")
