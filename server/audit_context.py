"""Each request's client address, bound for the security audit so that services deep in a
call record it without taking it as an argument (`audit.record(client_addr=...)` wins)."""

from flask import request

from server.services import audit


def init_app(app):
    """Bind `request.remote_addr` (after ProxyFix, so PROXY_HOPS applies) for each request."""

    @app.before_request
    def _bind_audit_client():
        audit.bind_client(request.remote_addr)

    @app.teardown_request
    def _unbind_audit_client(_exc=None):
        audit.unbind_client()
