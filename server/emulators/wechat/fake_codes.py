"""wx.login codes as WeChat treats them, for the fake WeChat server.

A real code is issued by `wx.login` on the phone, is good for one code2Session call within
5 minutes, and then answers 40163 ("code been used"); an unknown or expired code answers
40029. Tests get codes from `issue` (each a fresh code of a stable user, as wx.login gives
a new code per call and the same openid). Demo mode has no phone to issue codes, so with
`accept_unseen` any well-formed code the fake has not seen is taken once, as a user of its
own; a code beginning with `invalid` is always 40029 (the demo contract in API.md).
"""

import base64
import hashlib
import re
import secrets
import threading

LIFETIME = 300
WELL_FORMED = re.compile(r"[\x21-\x7e]{1,128}")  # printable ASCII, no spaces


class LoginCodes:
    """Issued and used login codes; thread-safe."""

    def __init__(self, clock, *, accept_unseen=False):
        self._clock = clock
        self.accept_unseen = accept_unseen
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        """Forget every code issued or used."""
        with self._lock:
            self._issued = {}  # code -> (user, expires at)
            self._used = set()

    def issue(self, user):
        """A fresh single-use code that signs in `user` (what wx.login returns)."""
        code = secrets.token_urlsafe(24)[:32]
        with self._lock:
            self._issued[code] = (user, self._clock() + LIFETIME)
        return code

    def redeem(self, code):
        """(user, 0) for a good code, now used up; (None, errcode) otherwise."""
        if code.startswith("invalid") or not WELL_FORMED.fullmatch(code):
            return None, 40029
        with self._lock:
            if code in self._used:
                return None, 40163
            issued = self._issued.pop(code, None)
            if issued is None and not self.accept_unseen:
                return None, 40029
            if issued is not None and self._clock() >= issued[1]:
                return None, 40029
            self._used.add(code)
        return (issued[0] if issued else code), 0


def derive_openid(seed):
    """A WeChat-shaped 28-character openid derived from seed (stable across restarts)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return "o" + base64.urlsafe_b64encode(digest).decode()[:27]
