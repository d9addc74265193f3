"""What may reach a log line: paths normalised before they are judged, and no token or phone.

A path is logged as the app would route it, whatever shape the client sent: percent-escapes
decoded, backslashes and doubled slashes folded, `.` and `..` resolved, so
`/api/mp/v1//images/<token>` (answered by a 308) or `/api/mp/v1/%69mages/<token>` is seen
as the photo-link path it is and logged up to its prefix. In any other path a segment
shaped like a signed token is cut, and phone, ID-card, bank-card numbers and e-mail
addresses are replaced. `RedactingFormatter` does the same to every formatted line the
app writes (messages, exception texts), so a secret a message or an error carries by
mistake never reaches stdout either.
"""

import logging
import posixpath
import re
from urllib.parse import unquote

from server.services.photos import MEDIA_PATH, PHOTO_LINK_PATH
from server.services.privacy import scrub_text

REDACTED = "<redacted>"
SECRET_PATH_PREFIXES = (MEDIA_PATH, PHOTO_LINK_PATH)  # the rest of such a path is a bearer secret
# Signed tokens as the app makes them: JWTs and itsdangerous links (dotted base64url parts),
# photo links (<id>.<size>.<expires>.<hex signature>), and a bearer header's value.
TOKEN = re.compile(
    r"(?:Bearer\s+)?[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{2,}){1,}\.[A-Za-z0-9_-]{16,}"
    r"|[A-Za-z0-9_-]{40,}"
)


def normalise_path(path):
    """The path as routing sees it: decoded, slashes folded, dot segments resolved."""
    decoded = path or "/"
    for _ in range(3):  # %252F decodes twice; stop once nothing changes
        again = unquote(decoded)
        if again == decoded:
            break
        decoded = again
    folded = re.sub(r"/{2,}", "/", decoded.replace("\\", "/"))
    resolved = posixpath.normpath(folded) if folded not in ("", "/") else "/"
    if folded.endswith("/") and resolved != "/":
        resolved += "/"
    return resolved if resolved.startswith("/") else "/" + resolved


def redact_text(text):
    """`text` without signed tokens, phone, ID-card or bank-card numbers or e-mail addresses."""
    return scrub_text(TOKEN.sub(REDACTED, text), mark=REDACTED)


def loggable_path(path):
    """`path` as it may be logged: normalised, a secret-carrying tail cut, identifiers out."""
    normal = normalise_path(path)
    lowered = normal.lower()
    for prefix in SECRET_PATH_PREFIXES:
        if lowered.startswith(prefix) or lowered == prefix.rstrip("/"):
            return prefix + REDACTED
    return redact_text(normal)


class RedactingFormatter(logging.Formatter):
    """A formatter whose every line (traceback included) passes through `redact_text`."""

    def format(self, record):
        """The formatted record with tokens and personal numbers taken out."""
        return redact_text(super().format(record))
