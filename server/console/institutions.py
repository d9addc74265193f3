"""Console page: 机构档案 (placeholder until its service lands)."""

from server.console import pages


def index():
    """机构档案."""
    return pages.page("console/placeholder.html", title="机构档案", message="页面建设中")


def detail(iid):
    """One institution (placeholder until the directory service lands)."""
    return pages.page("console/placeholder.html", title="机构档案", message="页面建设中")


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/institutions", "institutions", index)
    blueprint.add_url_rule("/institutions/<iid>", "institutions_detail", detail)
