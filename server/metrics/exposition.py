"""The `/metrics` endpoint: Prometheus text, for loopback callers or `METRICS_TOKEN` holders.

A caller counts as loopback only when the connection comes from this machine and no proxy
forwarded it (a reverse proxy on the same host would otherwise open the metrics to anyone).
"""

import hmac
import ipaddress
import os

from flask import Blueprint, Response, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)

from server.errors import AppError
from server.metrics.store_gauges import StoreGauges

blueprint = Blueprint("metrics", __name__)
FORWARDING_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


def _is_loopback(address):
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def allowed(req, token):
    """Whether `req` may read the metrics: a bearer `token`, or loopback without a proxy."""
    if token:
        given = req.headers.get("Authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return True
    forwarded = any(req.headers.get(name) for name in FORWARDING_HEADERS)
    # ProxyFix moves the proxy's address to werkzeug.proxy_fix.orig; either way, not ours.
    proxied = forwarded or "werkzeug.proxy_fix.orig" in req.environ
    return not proxied and _is_loopback(req.remote_addr)


def registry():
    """This process's registry, or every process's values under PROMETHEUS_MULTIPROC_DIR."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    combined = CollectorRegistry()
    multiprocess.MultiProcessCollector(combined)
    return combined


@blueprint.get("/metrics")
def metrics():
    """Every metric in Prometheus text; 403 `forbidden` to an outside caller without the token."""
    if not allowed(request, current_app.config.get("METRICS_TOKEN")):
        error = AppError("forbidden")
        return error.to_dict(), error.status
    text = generate_latest(registry()) + generate_latest(StoreGauges.registry())
    return Response(
        text, mimetype=CONTENT_TYPE_LATEST.split(";")[0], content_type=CONTENT_TYPE_LATEST
    )
