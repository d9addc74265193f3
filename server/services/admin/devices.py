"""Device cookies (OWASP, "Slow brute-force attacks"): a signed token a successful sign-in
hands to the client, naming the account and a random device id.

Sign-in attempts that bring a valid device token for the account are counted per device;
all others share one budget per account ("unknown clients"). Guessing from anywhere else
therefore never locks the real user's known devices out. The token is an HMAC-signed JWT
(key: SECRET_KEY, set at start by `configure`), valid a year.
"""

import secrets
from datetime import timedelta

import jwt

from server.clock import utcnow

AUDIENCE = "device"
LIFETIME = timedelta(days=365)
settings = {"key": None}


def configure(secret_key):
    """Sign device tokens with `secret_key` (the app's SECRET_KEY)."""
    settings["key"] = secret_key


def issue(username, *, device_id=None, now=None):
    """A device token for the account `username` (a new device id unless one is given)."""
    now = now or utcnow()
    claims = {
        "aud": AUDIENCE,
        "sub": username.strip().lower(),
        "dev": device_id or secrets.token_urlsafe(16),
        "iat": int(now.timestamp()),
        "exp": int((now + LIFETIME).timestamp()),
    }
    return jwt.encode(claims, settings["key"], algorithm="HS256")


def device_id(token, username, *, now=None):
    """The device id in a valid token issued to `username`, else None."""
    if not isinstance(token, str) or not token or len(token) > 1000 or not settings["key"]:
        return None
    try:
        claims = jwt.decode(
            token,
            settings["key"],
            algorithms=["HS256"],
            audience=AUDIENCE,
            options={"verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        return None
    now = now or utcnow()
    fresh = isinstance(claims.get("exp"), int) and claims["exp"] > now.timestamp()
    same = claims.get("sub") == username.strip().lower()
    return claims.get("dev") if fresh and same and isinstance(claims.get("dev"), str) else None
