"""Console page: 公告 (placeholder until its service lands)."""

from server.console import pages
from server.console.signin import roles_required


@roles_required("admin")
def index():
    """公告."""
    return pages.page("console/placeholder.html", title="公告", message="页面建设中")


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/notices", "notices", index)
