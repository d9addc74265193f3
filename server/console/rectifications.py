"""Console page: 整改台账 (placeholder until its service lands)."""

from server.console import pages


def index():
    """整改台账."""
    return pages.page("console/placeholder.html", title="整改台账", message="页面建设中")


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/rectifications", "rectifications", index)
