"""The data key that seals personal data at rest (models/sealed.py), read from the settings.

`DATA_KEY` is 32 random bytes in base64 (`python -c "import os,base64;
print(base64.b64encode(os.urandom(32)).decode())"`); production refuses to start without
one. Demo and test processes derive a fixed key of their own when none is given, so every
app of one process (and a demo restarted on the same MongoDB) reads what another wrote.
`DATA_KEYS_OLD` (comma-separated, same form) are older keys still needed to read values
sealed under them: set the new key as `DATA_KEY`, the old one there, run
`flask --app server.wsgi rotate-data-key`, then drop the old key.
"""

import base64
import binascii
import hashlib

from models import sealed
from server.config import ConfigError

KEY_BYTES = 32
DEMO_SEED = b"shuangjian demo and test data key: never for production"


def decode_key(text, name="DATA_KEY"):
    """The 32 key bytes of a base64 (standard or URL-safe) setting; ConfigError if unfit."""
    cleaned = text.strip()
    try:
        raw = base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), altchars=b"-_")
        if len(raw) != KEY_BYTES:
            raw = base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ConfigError(f"{name} must be {KEY_BYTES} bytes in base64") from exc
    if len(raw) != KEY_BYTES:
        raise ConfigError(f"{name} must be {KEY_BYTES} bytes in base64, got {len(raw)} bytes")
    return raw


def keys_from_config(config):
    """(current key, [older keys]) from the settings; demo/test derive one when unset."""
    text = config.get("DATA_KEY")
    if text:
        current = decode_key(text)
    elif config.get("APP_ENV") == "production":
        raise ConfigError("APP_ENV=production refuses to start: set DATA_KEY in the environment")
    else:
        current = hashlib.sha256(DEMO_SEED).digest()
    older = [
        decode_key(part, "DATA_KEYS_OLD")
        for part in (config.get("DATA_KEYS_OLD") or "").split(",")
        if part.strip()
    ]
    return current, older


def init_app(app):
    """Install this process's data keys (checked when the settings are loaded)."""
    current, older = keys_from_config(app.config)
    sealed.install_keys(current, older)
    app.extensions["data_key_id"] = sealed.current_key_id()
