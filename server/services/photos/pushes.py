"""WeChat's message pushes arriving at our endpoint: verified, never replayed, then applied.

The reader (`server.wechat.push`) checks signatures, the timestamp window and the mode,
and decodes JSON or XML, plain or encrypted. Here a push's nonce is claimed in MongoDB so
that no process acts on the same push twice, and the event is applied to its photo. A
signed push we cannot read is logged loudly (mode, size, reason; never the body, which
holds openids), because it means the admin console and our settings disagree.
"""

import logging
from datetime import timedelta

from server.db import push_nonces
from server.errors import AppError
from server.services import audit
from server.services.common import rate_hit
from server.services.photos.moderation import apply_push
from server.wechat.push import PushRefused

log = logging.getLogger(__name__)

UNREADABLE = {"unreadable", "undecryptable", "encrypted_without_aes_key"}
AUDIT_EVERY = timedelta(minutes=10)


def _refusal(exc, *, reader, size):
    """Log a refused push (loudly when it was WeChat's own) and the AppError to answer."""
    if exc.loud:
        log.error(
            "WeChat push NOT processed (%s): mode %s, %d bytes; compare the admin console's "
            "push settings (mode, data format, EncodingAESKey) with WECHAT_PUSH_MODE and "
            "WECHAT_PUSH_AES_KEY",
            exc.reason,
            reader.mode,
            size,
        )
    else:
        log.warning("WeChat push refused: %s", exc.reason)
        _audit_refusal(exc.reason)
    # Only WeChat's own (signed) push is worth a 400 that says "unreadable": anything
    # unsigned is refused alike, whatever its shape, so a prober learns nothing from it.
    unreadable = exc.loud and exc.reason in UNREADABLE
    return AppError("push_unreadable" if unreadable else "push_refused")


def _audit_refusal(reason):
    """One security-audit entry per refusal reason and 10 minutes: a prober is recorded,
    and cannot flood the audit by sending more."""
    if rate_hit(f"audit:push_refused:{reason}", window=AUDIT_EVERY) == 1:
        audit.record(
            actor=None,
            action=audit.PUSH_REFUSED,
            target="wechat_push",
            outcome=audit.DENIED,
            details={"reason": reason},
        )


def answer_echo(args, *, reader, now):
    """The echostr of WeChat's URL check; 403 unless signed by our token, recently."""
    try:
        return reader.echo(args, now=now)
    except PushRefused as exc:
        raise _refusal(exc, reader=reader, size=0) from None


def receive_push(args, body, *, reader, now):
    """Verify, de-duplicate and apply one push; AppError 403/400 when refused."""
    try:
        push = reader.read(args, body, now=now)
    except PushRefused as exc:
        raise _refusal(exc, reader=reader, size=len(body or b"")) from None
    if not push_nonces.claim(push.replay_key, now=now):
        log.warning("WeChat push refused: nonce seen before (replay)")
        raise AppError("push_refused")
    try:
        apply_push(push.event, now=now)
    except Exception:
        push_nonces.release(push.replay_key)  # WeChat retries; let the retry through
        raise
