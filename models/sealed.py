"""Personal data encrypted at rest (PIPL Art. 51): AES-256-GCM under the data key.

A `SealedStringField` holds clear text in Python and stores `{"k": key id, "c": base64 of
nonce + ciphertext + tag, "h": keyed hash}`: the key id says which data key sealed it (so
a rotation re-encrypts what is still under an old one), the field's label is the
authenticated data (a value copied into another field does not open), and `h`, an HMAC of
the clear text, lets equal values be found without decrypting. The keyring is the
process's: `install_keys` (server/datakeys.py, at start) gives it the current data key
and any older ones still needed to read. A value stored in clear before encryption
existed reads as it is until `migrate-store` seals it.
"""

import base64
import hashlib
import hmac
import logging
import os
import threading

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from mongoengine.base import BaseField

log = logging.getLogger(__name__)
NONCE_BYTES = 12
_lock = threading.Lock()
_keys = {}  # key id -> (AES-GCM key, HMAC key)
_current = [None]  # the id of the key new values are sealed under


def _derive(secret, purpose):
    """A 32-byte key for one purpose from the data key (HKDF-SHA256)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode())
    return hkdf.derive(secret)


def key_id(secret):
    """The public id of a data key: 8 hex digits of a hash that reveals nothing of it."""
    return hashlib.sha256(b"shuangjian data key id:" + secret).hexdigest()[:8]


def install_keys(current, older=()):
    """Seal new values under `current` (32 bytes) and open values under it or `older`."""
    with _lock:
        for secret in (*older, current):
            pair = (_derive(secret, "field-aes-gcm"), _derive(secret, "field-hmac"))
            _keys[key_id(secret)] = pair
        _current[0] = key_id(current)


def current_key_id():
    """The id of the key new values are sealed under (None before install_keys)."""
    return _current[0]


def digest(text, *, label):
    """The keyed hash of `text` in the field `label` under the current key (for equality)."""
    mac_key = _keys[_current[0]][1]
    return hmac.new(mac_key, f"{label}\0{text}".encode(), hashlib.sha256).hexdigest()[:32]


def seal(text, *, label):
    """The stored form of `text` under the current key."""
    kid = _current[0]
    if kid is None:
        raise RuntimeError("no data key installed (server.datakeys.init_app)")
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_keys[kid][0]).encrypt(nonce, text.encode(), label.encode())
    body = base64.b64encode(nonce + sealed).decode()
    return {"k": kid, "c": body, "h": digest(text, label=label)}


def unseal(stored, *, label):
    """The clear text of a stored value (a legacy clear string as it is); None if unreadable."""
    if stored is None or isinstance(stored, str):
        return stored
    keys = _keys.get(stored.get("k")) if isinstance(stored, dict) else None
    if keys is None:
        log.warning("a sealed %s is under key %r, which is not installed", label, stored.get("k"))
        return None
    try:
        raw = base64.b64decode(stored["c"])
        clear = AESGCM(keys[0]).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], label.encode())
    except Exception:  # tampered or truncated: unreadable, never a 500 on a page
        log.warning("a sealed %s does not open under key %r", label, stored.get("k"))
        return None
    return clear.decode()


def is_sealed_under_current(stored):
    """Whether a stored value is already sealed under the current key."""
    return isinstance(stored, dict) and stored.get("k") == _current[0]


class SealedStringField(BaseField):
    """A string encrypted at rest; `label` ("collection.field") is its authenticated data."""

    def __init__(self, label, **kwargs):
        self.label = label
        super().__init__(**kwargs)

    def to_python(self, value):
        """Clear text from the stored form (or the clear text itself)."""
        return unseal(value, label=self.label) if isinstance(value, dict) else value

    def to_mongo(self, value):
        """The sealed form of clear text."""
        return seal(value, label=self.label) if isinstance(value, str) else value

    def validate(self, value):
        """Only text may be sealed."""
        if not isinstance(value, str):
            self.error("a sealed field holds text")
