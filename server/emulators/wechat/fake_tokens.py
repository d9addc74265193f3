"""Access tokens as WeChat issues them, for the fake WeChat server.

Two isolated kinds, as documented: `cgi-bin/token` and `cgi-bin/stable_token`. A token
lives 7200 s. Renewal overlaps: the stable token's normal mode hands out the current token
until 5 minutes before it expires, then issues the next one while the old one stays valid
to its end; `cgi-bin/token` issues a new token on every call and keeps the previous one
valid for 5 minutes. A forced stable refresh invalidates the previous token at once (at
most one per 30 s; a quicker second call gets the current token). A token past its end
answers 42001, one never issued (or revoked by a forced refresh) 40001.
"""

import secrets
import threading

LIFETIME = 7200
OVERLAP = 300
FORCE_INTERVAL = 30


class TokenBook:
    """Every token issued and until when it is valid, per kind; thread-safe."""

    def __init__(self, clock):
        self._clock = clock  # () -> seconds since the epoch
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        """Forget every token (WeChat revoked them all)."""
        with self._lock:
            self._valid_until = {}  # token -> epoch seconds
            self._current = {"plain": None, "stable": None}
            self._last_forced = None
            self.issued = 0

    def _issue(self, kind, now):
        """A new current token of `kind` (lock held)."""
        token = secrets.token_urlsafe(48)
        self._valid_until[token] = now + LIFETIME
        self._current[kind] = token
        self.issued += 1
        return token

    def plain(self):
        """cgi-bin/token: a new token; the previous one stays valid 5 more minutes."""
        now = self._clock()
        with self._lock:
            previous = self._current["plain"]
            if previous is not None:
                self._valid_until[previous] = min(self._valid_until[previous], now + OVERLAP)
            return self._issue("plain", now), LIFETIME

    def stable(self, *, force):
        """cgi-bin/stable_token: (token, expires_in) in normal or forced mode."""
        now = self._clock()
        with self._lock:
            current = self._current["stable"]
            left = self._valid_until.get(current, 0) - now if current else 0
            if force and (self._last_forced is None or now - self._last_forced >= FORCE_INTERVAL):
                self._last_forced = now
                if current is not None:
                    self._valid_until.pop(current, None)  # invalid at once: 40001
                return self._issue("stable", now), LIFETIME
            if current is not None and left > OVERLAP:
                return current, int(left)
            # Normal mode in the last 5 minutes (or none yet): the next token; the old one
            # keeps its own end, so both work until then.
            return self._issue("stable", now), LIFETIME

    def check(self, token):
        """0 when `token` is valid now, else WeChat's errcode (41001, 42001 or 40001)."""
        if not token:
            return 41001
        with self._lock:
            until = self._valid_until.get(token)
        if until is None:
            return 40001
        return 0 if self._clock() < until else 42001
