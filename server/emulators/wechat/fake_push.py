"""Pushes from the fake WeChat server to our message endpoint, as WeChat sends them.

WeChat delivers mediaCheckAsync results later, as a POST to the developer's push URL. It
first downloads the picture from `media_url`; when it cannot, it pushes the failure shape
(`errcode` -1008, no `result`). The URL's query carries `signature` (sha1 of the sorted
token, timestamp and nonce); safe and compatible modes add `encrypt_type=aes` and
`msg_signature` (which also covers the ciphertext), and the body carries `Encrypt`: the
event encrypted with AES-256-CBC under the EncodingAESKey (random 16 bytes, the length,
the message, the AppID, PKCS#7 to 32 bytes). This module encrypts on its own (with
`cryptography`), not with wechatpy, so the fake checks our use of wechatpy's decryption.
"""

import base64
import hashlib
import json
import os
import struct
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from server.emulators.wechat.fake_outbox import Outbox

__all__ = ["Outbox", "sign", "media_check_event", "encode_push", "deliver", "download"]

# Pushes and downloads go to our own app on loopback: never through a configured proxy.
_OPENER = build_opener(ProxyHandler({}))
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF", b"GIF8")
DOWNLOAD_FAILED = -1008


def sign(token, *parts):
    """WeChat's signature: sha1 of the sorted token and parts (timestamp, nonce[, encrypt])."""
    items = sorted(str(part).encode("utf-8") for part in (token, *parts))
    return hashlib.sha1(b"".join(items)).hexdigest()


def media_check_event(*, appid, openid, trace_id, suggest=None, label=None, now=None, error=None):
    """The event WeChat pushes: the verdict, or with `error` (errcode, errmsg) no result."""
    event = {
        "ToUserName": "gh_" + hashlib.sha256(appid.encode("utf-8")).hexdigest()[:12],
        "FromUserName": openid,
        "CreateTime": int(time.time() if now is None else now),
        "MsgType": "event",
        "Event": "wxa_media_check",
        "appid": appid,
        "trace_id": trace_id,
        "version": 2,
    }
    if error is not None:
        event["errcode"], event["errmsg"] = error
        return event
    detail = {"strategy": "content_model", "errcode": 0, "suggest": suggest, "label": label}
    detail["prob"] = 0 if suggest == "pass" else 90
    event.update(errcode=0, errmsg="ok", result={"suggest": suggest, "label": label})
    event["detail"] = [detail]
    return event


def to_xml(event):
    """The event in WeChat's XML push format."""
    return "<xml>" + "".join(_xml_items(key, value) for key, value in event.items()) + "</xml>"


def _xml_items(key, value):
    if isinstance(value, list):
        return "".join(_xml_items(key, item) for item in value)
    if isinstance(value, dict):
        inner = "".join(_xml_items(k, v) for k, v in value.items())
        return f"<{key}>{inner}</{key}>"
    if isinstance(value, int):
        return f"<{key}>{value}</{key}>"
    return f"<{key}><![CDATA[{value}]]></{key}>"


def encrypt(plain, *, aes_key, appid):
    """WeChat's Encrypt field for a message."""
    key = base64.b64decode(aes_key + "=")
    message = plain.encode("utf-8")
    raw = os.urandom(16) + struct.pack(">I", len(message)) + message + appid.encode("utf-8")
    pad = 32 - len(raw) % 32
    raw += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(raw) + encryptor.finalize()).decode()


def encode_push(event, *, fmt, mode, token, timestamp, nonce, aes_key=None, appid=None):
    """(query, body bytes, content type) of one push in a mode and data format."""
    query = {"signature": sign(token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
    render = to_xml if fmt == "xml" else (lambda e: json.dumps(e, ensure_ascii=False))
    content_type = "text/xml" if fmt == "xml" else "application/json"
    if mode == "plaintext":
        return query, render(event).encode("utf-8"), content_type
    ciphertext = encrypt(render(event), aes_key=aes_key, appid=appid)
    outer = {"ToUserName": event["ToUserName"], "Encrypt": ciphertext}
    if mode == "compatible":
        outer = {**event, "Encrypt": ciphertext}
    query.update(
        openid=event.get("FromUserName", ""),
        encrypt_type="aes",
        msg_signature=sign(token, timestamp, nonce, ciphertext),
    )
    return query, render(outer).encode("utf-8"), content_type


def deliver(url, query, body, content_type, *, timeout=5):
    """POST one encoded push; {"status": code} or {"error": reason}."""
    request = Request(
        url + ("&" if urlsplit(url).query else "?") + urlencode(query),
        data=body,
        headers={"Content-Type": content_type},
        method="POST",
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return {
                "status": response.status,
                "body": response.read(200).decode("utf-8", "replace"),
            }
    except HTTPError as error:
        return {"status": error.code}
    except (URLError, OSError) as error:
        return {"error": str(error)}


def download(media_url, *, timeout=3):
    """Whether WeChat could fetch a picture from media_url (HTTP 200 with image bytes)."""
    try:
        with _OPENER.open(Request(media_url, method="GET"), timeout=timeout) as response:
            return response.status == 200 and response.read(16).startswith(IMAGE_MAGIC)
    except (HTTPError, URLError, OSError, ValueError):
        return False
