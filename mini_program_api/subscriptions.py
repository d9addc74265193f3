"""Subscribe messages (订阅消息) the parent accepted in wx.requestSubscribeMessage."""

from flask import current_app
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_parent, parent_required
from server.services.complaints import (
    SubscriptionsInput,
    check_template_ids,
    record_subscriptions,
)

ns = Namespace("subscriptions", description="订阅消息授权")

subscription_request = body_schema(ns, SubscriptionsInput, name="Subscriptions")


@ns.route("")
class Subscriptions(Resource):
    method_decorators = [parent_required]

    @ns.expect(subscription_request)
    @ns.response(204, "recorded")
    @schemas.errors("validation_error", "malformed_json", "unauthorized", "invalid_token")
    def post(self):
        """Record the templates the parent accepted, so status changes can reach them."""
        template_ids = json_body().get("template_ids")
        check_template_ids(template_ids, current_app.config)
        record_subscriptions(current_parent(), template_ids)
        return "", 204
