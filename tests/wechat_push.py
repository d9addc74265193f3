"""Send WeChat-signed message pushes to our endpoint through the test client."""

from server.clock import utcnow
from server.wechat.fake_api import LABELS
from server.wechat.fake_push import media_check_event, sign

PUSH = "/api/mp/v1/wechat/push"
PUSH_TOKEN = "demo-push-token"  # the app's and the fake's default WECHAT_PUSH_TOKEN


def signed_query(token=PUSH_TOKEN, **extra):
    """signature, timestamp and nonce as WeChat puts them on the push URL."""
    timestamp, nonce = str(int(utcnow().timestamp())), "4242"  # the clock tests set
    return {
        "signature": sign(token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        **extra,
    }


def verdict_event(trace_id, suggest, openid="o-test"):
    """The JSON event WeChat pushes with a mediaCheckAsync verdict (as the fake builds it)."""
    return media_check_event(
        appid="wx-test-appid",
        openid=openid,
        trace_id=trace_id,
        suggest=suggest,
        label=LABELS[suggest],
    )


def push_verdict(client, trace_id, suggest, *, token=PUSH_TOKEN, status=200):
    """POST a signed verdict for trace_id; returns the response."""
    return client.call(
        "POST",
        PUSH,
        query_string=signed_query(token),
        json=verdict_event(trace_id, suggest),
        status=status,
        token=None,
    )
