"""The app's deadline context (SLA rules + working-day calendar), built once at start.

`init_app` puts one `holidays.Deadlines` in app.extensions["deadlines"]; request handlers,
the console, the worker and the CLI take the calendar and rules from `current_deadlines()`
(or `deadlines_of(app)`) and hand them to the services.
"""

from flask import current_app

from server.services.deadlines import DeadlineRules
from server.services.holidays import Deadlines


def init_app(app):
    """Build the app's deadline context from its settings (the calendar loads on first use)."""
    app.extensions["deadlines"] = Deadlines(DeadlineRules.from_config(app.config))


def deadlines_of(app):
    """The deadline context of `app`."""
    return app.extensions["deadlines"]


def current_deadlines():
    """The deadline context of the app handling this request."""
    return deadlines_of(current_app)
