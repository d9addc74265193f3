"""Console page: 账号管理 (placeholder until its service lands)."""

from server.console import pages
from server.console.signin import roles_required


@roles_required("admin")
def index():
    """账号管理."""
    return pages.page("console/placeholder.html", title="账号管理", message="页面建设中")


def register(blueprint):
    """Add this module's routes."""
    blueprint.add_url_rule("/accounts", "accounts", index)
