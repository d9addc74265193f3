"""The mini-program's API at /api/mp/v1: one Blueprint, one Api, one module per namespace."""

from flask import Blueprint

from mini_program_api import (
    auth,
    complaints,
    followups,
    institutions,
    me,
    meta,
    notices,
    privacy,
    schemas,
    subscriptions,
    uploads,
    wechat_push,
)
from server.api_support import make_api


def create_blueprint():
    """The Blueprint with every parent-facing namespace registered."""

    blueprint = Blueprint("mp_api", __name__, url_prefix="/api/mp/v1")
    api = make_api(
        blueprint, title="双减监管 小程序 API", description="家长端：机构查询、投诉举报、进度跟踪"
    )
    schemas.registry.register(api)
    for module in (
        auth,
        subscriptions,
        notices,
        uploads,
        complaints,
        followups,
        wechat_push,
        institutions,
        meta,
        privacy,
        me,
    ):
        api.add_namespace(module.ns)
    return blueprint
