"""Urgency under abuse: urgent categories (e.g. `safety`) sort first in every staff list, so
one parent's urgent complaints are capped per Shanghai day. Past the cap a complaint is still
accepted, but held back from urgent until a dispatcher confirms it (`confirm_urgent`)."""

from datetime import timedelta

from server.clock import SHANGHAI
from server.services.caps import record_cap
from server.services.common import rate_hit

DAY = timedelta(days=1)


def urgency(parent, routed_urgent, *, cap, now):
    """(urgent, held) for a new complaint routing calls urgent or not; `cap` 0 means none."""
    if not routed_urgent or not cap:
        return routed_urgent, False
    day = now.astimezone(SHANGHAI).strftime("%Y%m%d")
    if rate_hit(f"urgent:{parent.id}:{day}", window=DAY, now=now) <= cap:
        return True, False
    record_cap("urgent_per_parent", "parent", now=now)
    return False, True
