"""Each app's own `Clock`, found through Flask's app context (server/clock.py knows no Flask)."""

from flask import current_app, has_app_context

from server import clock


def init_app(app):
    """Give the app its own clock (the wall clock until a test sets it)."""
    app.extensions["clock"] = clock.Clock()
    clock.find_clock_with(app_clock)


def app_clock():
    """The current app's clock, or None outside an app context (scripts, unit tests)."""
    return current_app.extensions.get("clock") if has_app_context() else None
