"""Subscribe messages (订阅消息) the parent accepted in wx.requestSubscribeMessage."""

from flask_restx import Namespace, Resource, fields

from server.api_support import json_body
from server.auth import current_parent, parent_required
from server.services.complaints.parents import record_subscriptions

ns = Namespace("subscriptions", description="订阅消息授权")

subscription_request = ns.model("Subscriptions", {"template_ids": fields.List(fields.String)})


@ns.route("")
class Subscriptions(Resource):
    method_decorators = [parent_required]

    @ns.expect(subscription_request)
    @ns.response(204, "recorded")
    def post(self):
        """Record the templates the parent accepted, so status changes can reach them."""
        record_subscriptions(current_parent(), json_body().get("template_ids"))
        return "", 204
