"""工作台 (home): the account's worklists by role, then its queues with their counts."""

from server.console import pages
from server.console.complaints import clock
from server.console.signin import current_staff
from server.services import warnings
from server.services.caps import recent_caps
from server.services.complaints import queue_overview, worklists
from server.services.permissions import may


def index():
    """Worklists for the account's roles (待受理, 待分派, 我承办的, 临期, 逾期), queue cards,
    and the intake caps reached in the last 24 hours (for those who may see them)."""
    staff = current_staff()
    context = clock()
    return pages.page(
        "console/home.html",
        title="工作台",
        sections=worklists(staff, **context),
        queues=queue_overview(staff, **context),
        caps=recent_caps(staff, now=context["now"])["items"]
        if may(staff, "see_intake_caps")
        else [],
        warnings=warnings.open_warnings(staff),
    )


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/", "home", index)
