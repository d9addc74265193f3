"""Flapping WeChat for the fake: a share of calls is slow, answers -1 (system busy), a 5xx
page, or drops the connection without a word, as WeChat does on a bad day.

`FakeWeChat.set_faults(share, kinds=..., path=..., seed=...)` draws each call's fate from a
seeded generator, so a run is repeatable; `set_faults(0)` stops it. Programmed one-off
failures (`fail_next`) and delays (`set_delay`) still apply on top.
"""

import random
from dataclasses import dataclass, field

from server.emulators.wechat.fake_api import wechat_error

KINDS = ("slow", "busy", "5xx", "drop")
DROP = object()  # the answer that closes the connection instead of replying


@dataclass
class Faults:
    """What share of calls (to paths containing `path`) fails, and how."""

    share: float = 0.0
    kinds: tuple = KINDS
    path: str | None = None
    slow_seconds: float = 2.0
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    drawn: dict = field(default_factory=dict)  # kind -> how many calls it hit

    def __post_init__(self):
        if not 0 <= self.share <= 1:
            raise ValueError("share must be between 0 and 1")
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {KINDS}")

    def draw(self, path):
        """The fault for one call to `path`, or None (lock held by the caller)."""
        if not self.share or (self.path and self.path not in path):
            return None
        if self.rng.random() >= self.share:
            return None
        kind = self.rng.choice(self.kinds)
        self.drawn[kind] = self.drawn.get(kind, 0) + 1
        return kind


def answer(kind):
    """(extra delay, answer or None) for a drawn fault: slow calls then answer as usual."""
    if kind == "busy":
        return 0, wechat_error(-1)
    if kind == "5xx":
        return 0, (502, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>")
    if kind == "drop":
        return 0, DROP
    return None, None  # "slow": the caller adds slow_seconds and answers as usual
