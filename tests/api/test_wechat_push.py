"""POST/GET /wechat/push: WeChat's pushes in every mode and format update photos; forged,
stale, replayed and unreadable pushes are refused, the unreadable ones loudly."""

import io
import logging

import pytest

from models.infra import PushNonce
from models.photo import Photo
from server.app import create_app
from tests.conftest import FIXED_NOW, ApiClient, app_config
from tests.support import image_bytes
from tests.support.wechat_push import PUSH, push_verdict, send_push, signed_query, verdict_event

AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
OTHER_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut"
# Ahead of the wall clock: seen nonces expire by TTL, which MongoDB counts by the wall clock.
T0 = FIXED_NOW  # the suite's default instant: tokens signed in by fixtures are valid at it
MODES = {
    "plaintext": {},
    "compatible": {"WECHAT_PUSH_AES_KEY": AES_KEY, "WECHAT_PUSH_MODE": "compatible"},
    "safe": {"WECHAT_PUSH_AES_KEY": AES_KEY},
}


def upload(client):
    """Upload one JPEG; the answer."""
    return client.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )


@pytest.fixture
def at_t0(app):
    """The session app's clock standing at T0."""
    app.extensions["clock"].set(T0, frozen=True)
    yield T0.timestamp()
    app.extensions["clock"].reset()


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("mode", sorted(MODES))
def test_the_fake_pushes_in_every_mode_and_format_and_the_photo_gets_its_verdict(
    serve, fake_wechat, mode, fmt
):
    served = serve(push_format=fmt, **MODES[mode])
    fake_wechat.auto_push = False
    fake_wechat.set_media_verdict("/api/mp/v1/media/", "review")
    photo = upload(served.parent())
    assert Photo.objects.get(id=photo["id"]).moderation == "pending"
    assert fake_wechat.push_pending() == 1
    [push] = fake_wechat.pushes
    assert (push["status"], push["body"], push["downloaded"]) == (200, "success", True)
    stored = Photo.objects.get(id=photo["id"])
    assert stored.moderation == "review"
    assert stored.checked_at is not None


@pytest.mark.parametrize("suggest", ["pass", "review", "risky"])
def test_a_verdict_decides_what_the_parent_sees(parent, client, fake_wechat, suggest):
    photo = upload(parent)
    response = push_verdict(client, fake_wechat.media_checks[0]["trace_id"], suggest)
    assert response.data == b"success"
    assert Photo.objects.get(id=photo["id"]).moderation == suggest
    parent.get(f"/api/mp/v1/photos/{photo['id']}", status=404 if suggest == "risky" else 200)


def test_a_forged_signature_is_refused_and_changes_nothing(parent, client, fake_wechat):
    photo = upload(parent)
    trace_id = fake_wechat.media_checks[0]["trace_id"]
    body = push_verdict(client, trace_id, "risky", token="not-our-token", status=403)
    assert body["code"] == "push_refused"
    assert Photo.objects.get(id=photo["id"]).moderation == "pending"


def test_an_unsigned_push_is_refused(client):
    client.post(PUSH, json={"Event": "wxa_media_check"}, status=403)


@pytest.mark.parametrize(("offset", "status"), [(-301, 403), (301, 403), (-299, 200), (299, 200)])
def test_timestamps_more_than_five_minutes_off_are_refused(client, at_t0, offset, status):
    event = verdict_event("no-such-trace", "pass", at=at_t0)
    send_push(client, event, at=at_t0 + offset, status=status)


def test_a_replayed_push_is_refused_by_every_process(app, client, parent, fake_wechat, at_t0):
    photo = upload(parent)
    event = verdict_event(fake_wechat.media_checks[0]["trace_id"], "pass", at=at_t0)
    send_push(client, event, at=at_t0, once="123456")
    other = create_app(app_config(fake_wechat))
    other.extensions["clock"].set(T0, frozen=True)
    replay = send_push(ApiClient(other.test_client()), event, at=at_t0, once="123456", status=403)
    assert replay["code"] == "push_refused"
    assert PushNonce.objects.count() == 1
    assert Photo.objects.get(id=photo["id"]).moderation == "pass"


def test_safe_mode_refuses_plaintext_and_compatible_mode_takes_it(serve, fake_wechat, caplog):
    safe = serve(**MODES["safe"])
    event = verdict_event("no-such-trace", "pass")
    caplog.set_level(logging.ERROR)
    send_push(ApiClient(safe.app.test_client()), event, status=403)
    assert "plaintext_in_safe_mode" in caplog.text
    compatible = serve(**MODES["compatible"])
    send_push(ApiClient(compatible.app.test_client()), event, status=200)


@pytest.mark.parametrize(
    ("changes", "status", "reason"),
    [
        ({"query_changes": {"msg_signature": "0" * 40}}, 403, None),
        ({"aes_key": OTHER_KEY}, 400, "undecryptable"),
        ({"appid": "wx-someone-else"}, 403, "foreign_appid"),
    ],
)
def test_forged_or_foreign_encrypted_pushes_are_refused(serve, caplog, changes, status, reason):
    safe = serve(**MODES["safe"])
    caplog.set_level(logging.WARNING)
    options = {"mode": "safe", "aes_key": AES_KEY, **changes}
    send_push(
        ApiClient(safe.app.test_client()), verdict_event("t", "pass"), status=status, **options
    )
    if reason:
        assert reason in caplog.text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json, not xml", "text/plain"),
        (b"<xml><unclosed>", "text/xml"),
        (b"[]", "application/json"),
        (b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "b">]><xml>&a;</xml>', "text/xml"),
    ],
)
def test_a_signed_push_we_cannot_read_is_answered_400_and_logged_loudly(
    client, caplog, body, content_type
):
    caplog.set_level(logging.ERROR)
    answer = client.post(
        PUSH, query_string=signed_query(), data=body, content_type=content_type, status=400
    )
    assert answer["code"] == "push_unreadable"
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "NOT processed (unreadable)" in record.getMessage()
    assert "demo-push-token" not in caplog.text


def test_an_encrypted_push_without_our_aes_key_is_logged_loudly(client, caplog):
    caplog.set_level(logging.ERROR)
    event = verdict_event("t", "pass", openid="o-secret-openid")
    answer = send_push(client, event, mode="safe", aes_key=AES_KEY, status=400)
    assert answer["code"] == "push_unreadable"
    assert "encrypted_without_aes_key" in caplog.text
    assert "o-secret-openid" not in caplog.text
    assert AES_KEY not in caplog.text


@pytest.mark.parametrize(
    "event",
    [{"Event": "subscribe_msg_popup_event"}, {"Event": "wxa_media_check", "trace_id": 5}],
)
def test_other_or_odd_events_are_acknowledged(client, event):
    response = send_push(client, event)
    assert response.data == b"success"


def test_echo_handshake(client, at_t0):
    response = client.get(PUSH, query_string=signed_query(at=at_t0, echostr="echo-123"))
    assert response.data == b"echo-123"
    assert response.mimetype == "text/plain"
    client.get(PUSH, query_string=signed_query("wrong", at=at_t0, echostr="e"), status=403)
    client.get(PUSH, query_string=signed_query(at=at_t0 - 600, echostr="e"), status=403)
    client.get(PUSH, query_string={"echostr": "echo-123"}, status=403)


def test_an_encrypted_push_signed_only_by_msg_signature_is_taken(serve):
    safe = ApiClient(serve(**MODES["safe"]).app.test_client())
    event = verdict_event("no-such-trace", "pass")
    options = {"mode": "safe", "aes_key": AES_KEY}
    send_push(safe, event, query_changes={"signature": ""}, **options)
    forged = {"signature": "", "msg_signature": "0" * 40}
    send_push(safe, event, query_changes=forged, status=403, **options)
