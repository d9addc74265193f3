"""Request metrics (count and latency by route template and status) and sign-in failures,
counted as each response leaves; `/metrics` itself is registered here."""

import time

from flask import g, request

from server.metrics import exposition
from server.metrics.instruments import LATENCY, REQUESTS, SIGN_IN_FAILURES

# The endpoints that sign someone in, and who signs in there.
SIGN_IN_ENDPOINTS = {
    "mp_api.auth_login": "parent",
    "staff_api.auth_login": "staff",
    "console.login": "console",
}
FAILURE_REASONS = {400: "invalid", 401: "bad_credentials", 429: "limited", 503: "unavailable"}


def _endpoint():
    """The route template (bounded label values), never the raw path with its ids."""
    rule = request.url_rule
    return rule.rule if rule is not None else "unmatched"


def init_app(app):
    """Time every request, count it when it leaves, and serve `/metrics`."""
    app.register_blueprint(exposition.blueprint)

    @app.before_request
    def _start_timer():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _count(response):
        started = g.get("metrics_started")
        endpoint, method = _endpoint(), request.method
        REQUESTS.labels(endpoint, method, str(response.status_code)).inc()
        if started is not None:
            LATENCY.labels(endpoint, method).observe(time.perf_counter() - started)
        who = SIGN_IN_ENDPOINTS.get(request.endpoint)
        if who and method == "POST" and response.status_code >= 400:
            reason = FAILURE_REASONS.get(response.status_code, "other")
            SIGN_IN_FAILURES.labels(who, reason).inc()
        return response
