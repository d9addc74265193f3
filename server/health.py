"""Liveness and readiness probes for the load balancer."""

from flask import Blueprint, current_app

from server import db
from server.db import indexes
from server.errors import AppError
from server.services.directory import index_is_built

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    """200 while the process runs."""
    return {"status": "ok"}


@blueprint.get("/readyz")
def readyz():
    """200 when MongoDB answers, every index the app needs exists and this process's directory
    index is built; else 503 naming why."""

    if not db.ping() or not index_is_built():
        error = AppError("not_ready")
        return error.to_dict(), error.status
    absent = indexes.ready(current_app)
    if absent:
        error = AppError("indexes_missing", errors={"indexes": absent})
        return error.to_dict(), error.status
    return {"status": "ready"}
