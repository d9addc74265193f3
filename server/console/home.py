"""我的队列: the queues the account sees with open and overdue counts, and what is overdue."""

from server.console import pages
from server.console.complaints import clock
from server.console.signin import current_staff
from server.services.triage.reading import list_complaints, queue_overview

OVERDUE_SHOWN = 10


def index():
    """The queues with counts (from the triage service) and the most urgent overdue work."""
    staff = current_staff()
    context = clock()
    queues = queue_overview(staff, **context)
    overdue = list_complaints(staff, overdue=True, page=1, per_page=OVERDUE_SHOWN, **context)
    return pages.page("console/home.html", title="我的队列", queues=queues, overdue=overdue)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/", "home", index)
