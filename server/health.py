"""Liveness and readiness probes for the load balancer."""

from flask import Blueprint

from server import db
from server.errors import AppError

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    """200 while the process runs."""
    return {"status": "ok"}


@blueprint.get("/readyz")
def readyz():
    """200 when MongoDB answers, else 503."""
    if not db.ping():
        error = AppError("not_ready")
        return error.to_dict(), error.status
    return {"status": "ready"}
