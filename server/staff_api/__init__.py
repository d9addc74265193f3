"""The staff API at /api/staff/v1: one Blueprint, one Api, one module per namespace."""

from flask import Blueprint

from server.api_support import make_api
from server.staff_api import (
    audit,
    auth,
    complaints,
    holidays,
    hotline,
    institution_codes,
    institutions,
    intake_caps,
    ledger,
    notices,
    privacy_notices,
    queue_news,
    queues,
    rectifications,
    routing_rules,
    schemas,
    staff,
    stats,
    uploads,
    warnings,
)


def create_blueprint():
    """The Blueprint with every staff namespace registered."""

    blueprint = Blueprint("staff_api", __name__, url_prefix="/api/staff/v1")
    api = make_api(
        blueprint,
        title="双减监管 工作人员 API",
        description="教育局工作人员：受理、办理、台账、统计、机构档案",
    )
    schemas.registry.register(api)
    for module in (
        audit,
        auth,
        staff,
        notices,
        privacy_notices,
        institutions,
        institution_codes,
        rectifications,
        routing_rules,
        queues,
        queue_news,
        complaints,
        holidays,
        stats,
        ledger,
        warnings,
        hotline,
        uploads,
        intake_caps,
    ):
        api.add_namespace(module.ns)
    return blueprint
