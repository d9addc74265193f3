"""Signed, expiring links a parent's mini-program shows photos by (`<image src>`).

`<image src>` cannot send an Authorization header, so the parent's complaint detail gives
each photo the parent may see two links, one per size, that open it without any header.
A link is `<photo id>.<size>.<expires>.<signature>`: the signature is an HMAC-SHA256 of
everything before it, keyed with SECRET_KEY, in lowercase hex and compared exactly, so
changing any one character (even the case of a hex digit, or a leading zero) breaks it;
128 bits of it make it unguessable. Expiry is read by the app clock. Expiry times are
rounded up to a whole `BUCKET_SECONDS`, so the same photo keeps the same URL for a while
and the phone's image cache works; a link lives between `ttl` and `ttl + BUCKET_SECONDS`.
"""

import hashlib
import hmac
import math
import re

from server.services.common import Shape, described

PHOTO_LINK_PATH = "/api/mp/v1/images/"
SALT = b"parent-photo-link:"
BUCKET_SECONDS = 600
SIGNATURE_HEX = 32  # 128 bits
TOKEN = re.compile(r"^([0-9a-f]{24})\.(full|thumb)\.([1-9][0-9]{0,11})\.([0-9a-f]{32})$")


class PhotoLink(Shape):
    """A photo the parent may see, by its two signed links."""

    id: str
    url: described(str, "签名、会过期的原图链接，可直接用于 <image src>")
    thumb_url: described(str, "签名、会过期的缩略图链接")


class PhotoLinks:
    """Makes and checks the photo links of one deployment (secret, public base URL, TTL)."""

    def __init__(self, secret_key, public_base_url, ttl):
        self._key = hashlib.sha256(SALT + secret_key.encode()).digest()
        self.public_base_url = public_base_url.rstrip("/")
        self.ttl = ttl

    @classmethod
    def from_config(cls, config):
        """The links of an app's settings (SECRET_KEY, PUBLIC_BASE_URL, PHOTO_LINK_TTL)."""
        return cls(config["SECRET_KEY"], config["PUBLIC_BASE_URL"], config["PHOTO_LINK_TTL"])

    def _sign(self, value):
        digest = hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()
        return digest[:SIGNATURE_HEX]

    def token(self, photo_id, size, *, now):
        """The token opening `photo_id` at `size` ("full" or "thumb") until a bit after now+ttl."""
        expires = math.ceil((now.timestamp() + self.ttl) / BUCKET_SECONDS) * BUCKET_SECONDS
        value = f"{photo_id}.{size}.{expires}"
        return f"{value}.{self._sign(value)}"

    def url(self, photo_id, size, *, now):
        """The absolute URL of one size of a photo."""
        return self.public_base_url + PHOTO_LINK_PATH + self.token(photo_id, size, now=now)

    def photo_ref(self, photo, *, now):
        """`{"id", "url", "thumb_url"}` for a photo the parent may see."""
        photo_id = str(photo.pk)
        return PhotoLink.answer(
            {
                "id": photo_id,
                "url": self.url(photo_id, "full", now=now),
                "thumb_url": self.url(photo_id, "thumb", now=now),
            }
        )

    def read(self, token, *, now):
        """(photo id, size) a token opens at `now`, or None: malformed, altered or expired."""
        match = TOKEN.match(token or "")
        if match is None:
            return None
        photo_id, size, expires, signature = match.groups()
        expected = self._sign(f"{photo_id}.{size}.{expires}")
        if not hmac.compare_digest(signature, expected):
            return None
        if now.timestamp() >= int(expires):
            return None
        return photo_id, size
