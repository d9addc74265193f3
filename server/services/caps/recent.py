"""What staff see of the intake caps: which were reached lately, where, how often."""

from datetime import timedelta

from models.intake_cap import IntakeCapEvent
from server.clock import iso, utcnow
from server.services.caps.limits import LABELS
from server.services.common import DateTime, Shape, described
from server.services.permissions import require

SCOPES = {"service": "全系统", "parent": "单个家长"}


class IntakeCap(Shape):
    """One cap reached in one scope, with how often it refused."""

    cap: described(str, "complaints_per_address / uploads_per_hour / ...")
    label: str
    scope: described(str, "脱敏的网络地址（如 203.0.113.*）、service 或 parent")
    scope_label: str
    first_at: DateTime
    last_at: DateTime
    refused: described(int, "本小时内被拒绝（或暂不标为紧急）的请求数")


class IntakeCaps(Shape):
    """The caps reached in the last `hours`, newest first."""

    items: list[IntakeCap]
    total: int
    hours: int


def recent_caps(staff, *, now=None, hours=24, limit=50):
    """The caps reached in the last `hours`, newest first; 403 unless the staff member may
    see them (admins, dispatchers, viewers)."""
    require(staff, "see_intake_caps")
    now = now or utcnow()
    events = (
        IntakeCapEvent.objects(last_at__gte=now - timedelta(hours=hours))
        .order_by("-last_at")
        .limit(limit)
    )
    items = [
        {
            "cap": event.cap,
            "label": LABELS.get(event.cap, event.cap),
            "scope": event.scope,
            "scope_label": SCOPES.get(event.scope, f"网络地址 {event.scope}"),
            "first_at": iso(event.first_at),
            "last_at": iso(event.last_at),
            "refused": event.refused,
        }
        for event in events
    ]
    return IntakeCaps.answer({"items": items, "total": len(items), "hours": hours})
