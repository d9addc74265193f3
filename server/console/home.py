"""Console page: 我的队列 (placeholder until its service lands)."""

from server.console import pages


def index():
    """我的队列."""
    return pages.page("console/placeholder.html", title="我的队列", message="页面建设中")


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/", "home", index)
