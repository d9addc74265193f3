"""Pushes under abuse: every unsigned push, whatever its shape, is 403 `push_refused` with a
warning (never an ERROR that sends an operator to the push settings); a verdict once applied
to a photo stands against any later push for the same trace id."""

import io
import logging

import pytest

from models.audit import AuditEntry
from models.photo import Photo
from tests.support import image_bytes
from tests.support.wechat_push import PUSH, push_verdict, send_push, verdict_event

AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def _unsigned_shapes():
    """Unsigned pushes an attacker might try: plaintext, encrypted-looking, garbage."""
    return [
        ({"msg_signature": "0" * 40, "timestamp": "1", "nonce": "1"}, b'{"Encrypt": "AAAA"}'),
        ({"msg_signature": "0" * 40, "timestamp": "1", "nonce": "1"}, b"not json at all"),
        ({"encrypt_type": "aes"}, b"<xml><Encrypt>AAAA</Encrypt></xml>"),
        ({}, b'{"Event": "wxa_media_check", "trace_id": "t", "result": {"suggest": "pass"}}'),
        ({}, b"<xml><unclosed>"),
        ({"timestamp": "1", "nonce": "1"}, b"[]"),
    ]


@pytest.mark.parametrize(("query", "body"), _unsigned_shapes())
def test_every_unsigned_push_is_403_push_refused_with_a_warning(client, caplog, query, body):
    caplog.set_level(logging.WARNING)
    answer = client.post(PUSH, query_string=query, data=body, content_type="text/plain", status=403)
    assert answer["code"] == "push_refused"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "push refused" in caplog.text
    [entry] = AuditEntry.objects(action="push_refused").order_by("seq")
    assert entry.details["reason"] == "unsigned"


def test_an_unsigned_encrypted_push_in_plaintext_mode_is_refused_quietly(client, caplog):
    caplog.set_level(logging.WARNING)
    query_changes = {"signature": ""}
    answer = send_push(
        client,
        verdict_event("t", "pass"),
        mode="safe",
        aes_key=AES_KEY,
        query_changes=query_changes,
        status=403,
    )
    assert answer["code"] == "push_refused"
    assert "NOT processed" not in caplog.text


def test_a_second_push_for_a_trace_id_changes_nothing_and_is_logged(
    parent, client, fake_wechat, caplog
):
    photo = parent.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )
    trace_id = fake_wechat.media_checks[0]["trace_id"]
    push_verdict(client, trace_id, "risky")
    first = Photo.objects.get(id=photo["id"])
    caplog.set_level(logging.WARNING)
    push_verdict(client, trace_id, "pass")
    send_push(client, verdict_event(trace_id, None, error=(-1008, "fetch failed")))
    stored = Photo.objects.get(id=photo["id"])
    assert (stored.moderation, stored.checked_at) == ("risky", first.checked_at)
    assert not stored.check_reason
    assert caplog.text.count("verdict already applied") == 2
    parent.get(f"/api/mp/v1/photos/{photo['id']}", status=404)
