"""Send WeChat-signed message pushes to our endpoint through the test client.

Pushes are encoded by the fake WeChat's own encoder (`fake_push.encode_push`), in any mode
(plaintext, compatible, safe) and data format (json, xml), with a fresh nonce each time.
"""

import secrets

from server.clock import utcnow
from server.emulators.wechat.fake_api import LABELS
from server.emulators.wechat.fake_push import encode_push, media_check_event, sign

PUSH = "/api/mp/v1/wechat/push"
PUSH_TOKEN = "demo-push-token"  # the app's and the fake's default WECHAT_PUSH_TOKEN
APPID = "wx-test-appid"


def nonce():
    """A fresh nonce, as WeChat sends one per push."""
    return str(secrets.randbelow(10**10))


def signed_query(token=PUSH_TOKEN, *, at=None, **extra):
    """signature, timestamp and nonce as WeChat puts them on the push URL."""
    timestamp, once = str(int(utcnow().timestamp() if at is None else at)), nonce()
    return {
        "signature": sign(token, timestamp, once),
        "timestamp": timestamp,
        "nonce": once,
        **extra,
    }


def verdict_event(trace_id, suggest, openid="o-test", *, at=None, error=None):
    """The event WeChat pushes with a mediaCheckAsync verdict, or a failure (as the fake)."""
    return media_check_event(
        appid=APPID,
        openid=openid,
        trace_id=trace_id,
        suggest=suggest,
        label=LABELS.get(suggest),
        now=at,
        error=error,
    )


def send_push(
    client,
    event,
    *,
    mode="plaintext",
    fmt="json",
    token=PUSH_TOKEN,
    aes_key=None,
    at=None,
    once=None,
    status=200,
    query_changes=None,
    appid=APPID,
):
    """POST one encoded push, timed by the app's clock unless `at` says; returns the response."""
    if at is None:
        at = client.client.application.extensions["clock"].now().timestamp()
    query, body, content_type = encode_push(
        event,
        fmt=fmt,
        mode=mode,
        token=token,
        timestamp=str(int(at)),
        nonce=once or nonce(),
        aes_key=aes_key,
        appid=appid,
    )
    query.update(query_changes or {})
    return client.call(
        "POST",
        PUSH,
        query_string=query,
        data=body,
        content_type=content_type,
        status=status,
        token=None,
    )


def push_verdict(client, trace_id, suggest, *, token=PUSH_TOKEN, status=200):
    """POST a signed plaintext JSON verdict for trace_id; returns the response."""
    return send_push(client, verdict_event(trace_id, suggest), token=token, status=status)
