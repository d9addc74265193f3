"""Signed, expiring links to one photo, for WeChat's mediaCheckAsync to fetch.

WeChat downloads the picture it checks from a URL we give it, without our bearer token.
The link carries the photo id signed with SECRET_KEY and a timestamp, so it opens that
one photo for MEDIA_URL_TTL seconds and nothing else; the id cannot be altered.
"""

import io

from itsdangerous import BadSignature, URLSafeTimedSerializer
from PIL import Image

MEDIA_PATH = "/api/mp/v1/media/"
SALT = "wechat-media-check"
# The id `check-wechat` signs to see that PUBLIC_BASE_URL reaches us: no photo, a probe image.
PROBE_ID = "check-wechat-probe"


def probe_jpeg():
    """The small JPEG a signed probe link answers (what WeChat would download)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(out, format="JPEG")
    return out.getvalue()


class MediaLinks:
    """Makes and reads the signed links of one deployment (secret, public base URL, TTL)."""

    def __init__(self, secret_key, public_base_url, ttl):
        self._serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
        self.public_base_url = public_base_url.rstrip("/")
        self.ttl = ttl

    @classmethod
    def from_config(cls, config):
        """The links of an app's settings."""
        return cls(config["SECRET_KEY"], config["PUBLIC_BASE_URL"], config["MEDIA_URL_TTL"])

    def url_for(self, photo_id):
        """The absolute URL WeChat fetches the full-size photo from."""
        return self.public_base_url + MEDIA_PATH + self._serializer.dumps(str(photo_id))

    def photo_id(self, token):
        """The photo id a token was signed for, or None if forged, altered or expired."""
        try:
            value = self._serializer.loads(token, max_age=self.ttl)
        except BadSignature:  # SignatureExpired is a BadSignature too
            return None
        return value if isinstance(value, str) else None
