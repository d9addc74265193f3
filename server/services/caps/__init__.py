"""Intake caps: how much one network address, one parent and the whole service may submit
in an hour (complaints, uploads, sign-ins), and what staff see of the caps reached.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.caps.limits import LABELS, CapSettings, take
from server.services.caps.limits import record as record_cap
from server.services.caps.recent import IntakeCap, IntakeCaps, recent_caps

__all__ = [
    "CapSettings",
    "IntakeCap",
    "IntakeCaps",
    "LABELS",
    "recent_caps",
    "record_cap",
    "take",
]
