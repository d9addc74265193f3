"""Reading WeChat's message pushes: plaintext, compatible and safe modes, JSON and XML.

Every push carries `signature` (sha1 of our push token, timestamp and nonce) on its URL.
In safe mode the body holds only `Encrypt`, the event encrypted with the EncodingAESKey
(`WECHAT_PUSH_AES_KEY`), and the URL adds `encrypt_type=aes` and `msg_signature` (sha1
that also covers the ciphertext); compatible mode sends both the plaintext fields and
`Encrypt`. We verify the signatures, decrypt with wechatpy's crypto, refuse plaintext
pushes in safe mode, and refuse timestamps more than 5 minutes off. The caller refuses a
nonce seen before (`server.db.push_nonces`), so a captured push cannot be replayed.
"""

import json
from dataclasses import dataclass

import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

MAX_SKEW_SECONDS = 300
MAX_BODY_BYTES = 64 * 1024


class PushRefused(Exception):
    """A push we do not act on: `reason` is a short code, `loud` when WeChat's own push
    (signed) could not be read, which an operator must hear about."""

    def __init__(self, reason, *, loud=False):
        super().__init__(reason)
        self.reason, self.loud = reason, loud


@dataclass(frozen=True)
class Push:
    """A verified push: the event and the key that identifies it for replay checks."""

    event: dict
    replay_key: str
    encrypted: bool


class PushReader:
    """Verifies and decodes the pushes of one deployment (token, AES key, mode, AppID)."""

    def __init__(self, *, token, appid, aes_key=None, mode="plaintext"):
        self.token, self.appid, self.mode = token, appid, mode
        self._crypto = WeChatCrypto(token, aes_key, appid) if aes_key else None

    def echo(self, args, *, now):
        """The `echostr` of WeChat's URL check, once its signature and timestamp are ours."""
        self._check_signed(args, now)
        return args.get("echostr", "")

    def read(self, args, body, *, now):
        """The verified event of a POSTed push; PushRefused if not WeChat's or unreadable."""
        # WeChat signs every push with `signature`; an encrypted one also with msg_signature,
        # which alone is enough (it covers the ciphertext, checked when decrypting).
        # A push without `signature` is taken only when its msg_signature can be checked (we
        # hold the AES key); any other unsigned push, whatever it looks like, is refused quietly.
        signed = bool(args.get("signature"))
        if signed or not args.get("msg_signature") or self._crypto is None:
            self._check_signed(args, now)
        else:
            _check_timestamp(args.get("timestamp", ""), now)
        try:
            outer = _parse(body, loud=signed)
        except PushRefused:
            if signed:
                raise
            raise PushRefused("unsigned") from None
        encrypted = "Encrypt" in outer
        if encrypted:
            event = self._decrypt(outer, args)
        elif not signed:
            raise PushRefused("unsigned")
        elif self.mode == "safe":
            raise PushRefused("plaintext_in_safe_mode", loud=True)
        else:
            event = outer
        replay_key = f"{args.get('timestamp')}:{args.get('nonce')}"
        return Push(event=event, replay_key=replay_key, encrypted=encrypted)

    def _check_signed(self, args, now):
        """Refuse unless signature matches our token and the timestamp is near `now`."""
        signature, timestamp, nonce = (args.get(k, "") for k in ("signature", "timestamp", "nonce"))
        if not (signature and timestamp and nonce):
            raise PushRefused("unsigned")
        try:
            check_signature(self.token, signature, timestamp, nonce)
        except InvalidSignatureException:
            raise PushRefused("bad_signature") from None
        _check_timestamp(timestamp, now)

    def _decrypt(self, outer, args):
        """The event inside `Encrypt`, checked against msg_signature and our AppID."""
        if self._crypto is None:
            raise PushRefused("encrypted_without_aes_key", loud=True)
        msg_signature = args.get("msg_signature", "")
        try:
            plain = self._crypto.decrypt_message(
                {"Encrypt": outer["Encrypt"]}, msg_signature, args["timestamp"], args["nonce"]
            )
        except InvalidSignatureException:
            raise PushRefused("bad_msg_signature") from None
        except InvalidAppIdException:
            raise PushRefused("foreign_appid", loud=True) from None
        except Exception:  # noqa: BLE001 - base64, padding or length garbage from the wire
            raise PushRefused("undecryptable", loud=True) from None
        return _parse(plain.encode("utf-8") if isinstance(plain, str) else plain)


def _check_timestamp(timestamp, now):
    """Refuse a timestamp more than 5 minutes from `now` (or not a number)."""
    try:
        skew = abs(now.timestamp() - int(timestamp))
    except ValueError:
        raise PushRefused("bad_timestamp") from None
    if skew > MAX_SKEW_SECONDS:
        raise PushRefused("stale_timestamp")


def _parse(body, *, loud=True):
    """A push body (JSON or XML) as a dict; PushRefused("unreadable") otherwise."""
    if not body or len(body) > MAX_BODY_BYTES:
        raise PushRefused("unreadable", loud=loud)
    try:
        text = body.decode("utf-8").strip()
        if text.startswith("<"):
            if "<!DOCTYPE" in text.upper()[:200]:
                raise ValueError("a push never declares a DOCTYPE")
            parsed = xmltodict.parse(text).get("xml")
        else:
            parsed = json.loads(text)
    except Exception:  # noqa: BLE001 - expat, JSON and UTF-8 errors all mean unreadable
        raise PushRefused("unreadable", loud=loud) from None
    if not isinstance(parsed, dict):
        raise PushRefused("unreadable", loud=loud)
    return parsed
