"""Console page: 投诉列表 (placeholder until its service lands)."""

from server.console import pages


def index():
    """投诉列表."""
    return pages.page("console/placeholder.html", title="投诉列表", message="页面建设中")


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/complaints", "complaints", index)
