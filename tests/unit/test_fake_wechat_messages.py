"""The fake WeChat server's checks, pushes, subscribe messages and 小程序码, driven by
wechatpy over real HTTP on loopback."""

import io
import threading

import pytest
import requests
from PIL import Image
from wechatpy.exceptions import WeChatClientException
from wechatpy.utils import check_signature

from server.emulators.wechat.fake import FakeWeChat
from tests.support.fake_wechat_client import APPID, SECRET, TEMPLATES, FakeBackedClient, v2


def test_msg_sec_check_refuses_the_version_1_body(client):
    with pytest.raises(WeChatClientException) as caught:
        client.wxa.check_text_security("校外培训")
    assert caught.value.errcode == 47001


def test_msg_sec_check_v2_gives_the_programmed_verdict(fake, client):
    fake.set_text_verdict("违规补课", "risky")
    risky = client.wxa._post("wxa/msg_sec_check", data=v2(content="周末有违规补课"))
    clean = client.wxa._post("wxa/msg_sec_check", data=v2(content="周末在家"))
    assert risky["result"]["suggest"] == "risky"
    assert risky["result"]["label"] != 100
    assert risky["trace_id"]
    assert {d["strategy"] for d in risky["detail"]} >= {"keyword"}
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
    assert push["json"]["result"]["suggest"] == "risky"
    assert push["json"]["errcode"] == 0
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
    assert push["json"]["errcode"] == -1008
    assert "下载错误" in push["json"]["errmsg"]
    assert "result" not in push["json"]
    assert fake.pushes[0]["downloaded"] is False


def test_queued_pushes_wait_for_push_pending(receiver):
    with FakeWeChat(APPID, SECRET, push_url=receiver.url, auto_push=False) as fake:
        client = FakeBackedClient(fake.base_url)
        body = v2(media_url=receiver.media + "1.jpg", media_type=2)
        client.wxa._post("wxa/media_check_async", data=body)
        assert fake.wait_idle()
        assert receiver.got == []
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
    assert answer["errcode"] == 0
    assert answer["msgid"]
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
    assert image.format == "JPEG"
    assert image.size == (size, size)


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
    assert response.status_code == 200
    assert response.json()["errcode"] == 40001


def test_unknown_path_is_a_404(fake):
    response = requests.get(fake.base_url + "cgi-bin/nope")
    assert response.status_code == 404
    assert response.json()["errcode"] == 404


def test_calls_are_logged_and_reset_clears_everything(fake, client):
    code = fake.login_code("a")
    client.wxa.code_to_session(code)
    fake.fail_next(5)
    assert [c["path"] for c in fake.calls] == ["cgi-bin/stable_token", "sns/jscode2session"]
    assert fake.calls[1]["params"]["js_code"] == code
    fake.reset()
    assert fake.calls == []
    assert fake.token_fetches == 0
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
