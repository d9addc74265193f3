"""Console page: statistics (统计)."""

from server.console import pages

COMING_SOON = "统计功能即将上线"


def index():
    """Statistics; until the statistics service lands, a clear notice that it is coming."""
    return pages.page("console/placeholder.html", title="统计", message=COMING_SOON)


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/stats", "stats", index)
