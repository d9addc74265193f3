"""Routing rules (admins): the ordered list that sends each complaint to a queue."""

from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.services.admin import (
    RoutingRulesInput,
    replace_routing_rules,
    routing_rules,
    rules_listing,
)
from server.staff_api import schemas

ns = Namespace("routing_rules", path="/routing-rules", description="分派规则（管理员）")

replace_request = body_schema(ns, RoutingRulesInput, name="RoutingRulesReplace")


@ns.route("")
class RoutingRules(Resource):
    method_decorators = [staff_required(can="manage_routing")]

    @ns.response(200, "the rules", schemas.RoutingRules)
    @schemas.errors("forbidden", *schemas.SIGNED_IN)
    def get(self):
        """Every rule in the order they are tried; the first match names the queue."""
        return rules_listing(routing_rules(actor=current_staff()))

    @ns.expect(replace_request)
    @ns.response(200, "the rules", schemas.RoutingRules)
    @schemas.errors(*schemas.ADMIN_WRITE)
    def put(self):
        """Replace the whole ordered list; 400 names the rule index and field at fault."""
        items = json_body().get("items")
        return rules_listing(replace_routing_rules(items, actor=current_staff()))
