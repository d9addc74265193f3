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
    """200 when MongoDB answers and this process's directory index is built, else 503."""
    from server.db import directory_sync

    if not db.ping() or not directory_sync.is_built():
        error = AppError("not_ready")
        return error.to_dict(), error.status
    return {"status": "ready"}
