"""The programming hooks of the fake WeChat server: failures, delays, verdicts, refusals.

Tests program what WeChat will do next (`fail_next`, `set_delay`, `set_text_verdict`,
`set_media_verdict`, `decline`, `set_stale_openids`, `set_faults`); the endpoints read it
back. A mixin of `FakeWeChat`, which provides `_lock`.
"""

import random

from server.emulators.wechat.fake_api import LABELS, wechat_error
from server.emulators.wechat.fake_faults import KINDS, Faults


class Programming:
    """What tests told the fake to do; all under the fake's lock."""

    def forget_programming(self):
        """Drop every programmed failure, delay, verdict and refusal (lock held)."""
        self._failures, self._delays = [], {}
        self._text_verdicts, self._media_verdicts, self._declined = {}, {}, {}
        self._stale = False
        self.faults = Faults()

    def set_faults(self, share, *, kinds=KINDS, path=None, slow_seconds=2.0, seed=0):
        """Make a `share` (0..1) of calls (to paths containing `path`) fail in one of `kinds`:
        slow, busy (-1), 5xx, drop; drawn from `seed`, so a run repeats. 0 stops it."""
        faults = Faults(share, tuple(kinds), path, slow_seconds, random.Random(seed))
        with self._lock:
            self.faults = faults

    def fail_next(self, n=1, *, errcode=-1, status=200, path=None):
        """Answer the next n calls (to paths containing `path`) with errcode, or HTTP 5xx."""
        if n > 0:
            with self._lock:
                self._failures.append([n, errcode, status, path])

    def set_delay(self, seconds, *, path=None):
        """Sleep before answering calls to paths containing `path`; 0 clears (all if no path)."""
        with self._lock:
            if seconds > 0:
                self._delays[path] = seconds
            elif path is None:
                self._delays.clear()
            else:
                self._delays.pop(path, None)

    def set_text_verdict(self, substring, suggest):
        """Give msgSecCheck texts containing substring the verdict pass, review or risky."""
        _check_suggest(suggest)
        with self._lock:
            self._text_verdicts[substring] = suggest

    def set_media_verdict(self, substring, suggest):
        """Push the verdict pass, review or risky for media URLs containing substring."""
        _check_suggest(suggest)
        with self._lock:
            self._media_verdicts[substring] = suggest

    def set_stale_openids(self, stale=True):
        """Security checks answer 61010: the user has not opened the mini-program for 2 h."""
        with self._lock:
            self._stale = stale

    def decline(self, openid, errcode=43101):
        """Make subscribe messages to openid fail with errcode (43101: user refused)."""
        with self._lock:
            self._declined[openid] = errcode

    def stale(self):
        """Whether security checks answer 61010 now."""
        with self._lock:
            return self._stale

    def verdict(self, kind, text):
        """Return (suggest, matched substring or None) for a "text" or "media" check."""
        with self._lock:
            table = self._text_verdicts if kind == "text" else self._media_verdicts
            for substring, suggest in table.items():
                if substring in text:
                    return suggest, substring
        return "pass", None

    def _take_failure(self, path):
        """Consume one programmed failure matching path (lock held); None if there is none."""
        for rule in self._failures:
            left, errcode, status, part = rule
            if part is None or part in path:
                rule[0] = left - 1
                if rule[0] <= 0:
                    self._failures.remove(rule)
                if status >= 500:
                    page = f"<html><body><h1>{status} Server Error</h1></body></html>"
                    return status, "text/html", page.encode()
                return wechat_error(errcode, status=status)
        return None


def _check_suggest(suggest):
    """Refuse a verdict WeChat never gives."""
    if suggest not in LABELS:
        raise ValueError(f"suggest must be one of {sorted(LABELS)}, not {suggest!r}")
