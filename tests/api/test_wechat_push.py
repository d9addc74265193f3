"""POST/GET /wechat/push: WeChat's signed pushes update photos; anything unsigned is refused."""

import io
import threading

import pytest
from werkzeug.serving import make_server

from models.photo import Photo
from tests.support import image_bytes
from tests.support.wechat_push import PUSH, push_verdict, signed_query


@pytest.fixture
def served_app(app, fake_wechat):
    """The app on a real loopback port, where the fake WeChat pushes its verdicts itself."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake_wechat.push_url = f"http://127.0.0.1:{server.server_port}{PUSH}"
    fake_wechat.auto_push = False
    yield server
    fake_wechat.auto_push, fake_wechat.push_url = True, None
    server.shutdown()
    thread.join(timeout=5)


def upload(client):
    """Upload one JPEG; the answer."""
    return client.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )


@pytest.mark.parametrize("suggest", ["pass", "review", "risky"])
def test_fake_wechat_pushes_the_verdict_over_http(served_app, parent, fake_wechat, suggest):
    fake_wechat.set_media_verdict("/api/mp/v1/media/", suggest)
    photo = upload(parent)
    assert Photo.objects.get(id=photo["id"]).moderation == "pending"
    assert fake_wechat.push_pending() == 1
    assert fake_wechat.pushes[-1]["status"] == 200
    stored = Photo.objects.get(id=photo["id"])
    assert stored.moderation == suggest and stored.checked_at is not None
    visible = 404 if suggest == "risky" else 200
    parent.get(f"/api/mp/v1/photos/{photo['id']}", status=visible)


def test_bad_signature_is_refused_and_changes_nothing(parent, client, fake_wechat):
    photo = upload(parent)
    trace_id = fake_wechat.media_checks[0]["trace_id"]
    body = push_verdict(client, trace_id, "risky", token="not-our-token", status=403)
    assert body["code"] == "forbidden"
    assert Photo.objects.get(id=photo["id"]).moderation == "pending"


def test_unsigned_push_is_refused(client):
    client.post(PUSH, json={"Event": "wxa_media_check"}, status=403)


def test_good_signature_updates_the_photo(parent, client, fake_wechat):
    photo = upload(parent)
    response = push_verdict(client, fake_wechat.media_checks[0]["trace_id"], "risky")
    assert response.data == b"success"
    assert Photo.objects.get(id=photo["id"]).moderation == "risky"


@pytest.mark.parametrize(
    "event",
    [{"Event": "subscribe_msg_popup_event"}, {"Event": "wxa_media_check", "trace_id": 5}, []],
)
def test_other_or_odd_events_are_acknowledged(client, event):
    response = client.post(PUSH, query_string=signed_query(), json=event)
    assert response.data == b"success"


def test_echo_handshake(client):
    response = client.get(PUSH, query_string=signed_query(echostr="echo-123"))
    assert response.data == b"echo-123" and response.mimetype == "text/plain"
    client.get(PUSH, query_string=signed_query("wrong", echostr="echo-123"), status=403)
    client.get(PUSH, query_string={"echostr": "echo-123"}, status=403)
