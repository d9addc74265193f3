"""Routing rules (admins): the ordered list that sends each complaint to a queue."""

from flask_restx import Namespace, Resource, fields

from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.services.admin import replace_routing_rules, routing_rules, rules_listing
from server.staff_api import schemas

ns = Namespace("routing_rules", path="/routing-rules", description="分派规则（管理员）")

conditions_model = ns.model(
    "RuleConditions",
    {
        "categories": fields.List(fields.String, description="投诉类别代码；空表示任意"),
        "institution_kinds": fields.List(fields.String, description="subject / non_subject"),
        "institution_categories": fields.List(fields.String, description="sports / arts / ..."),
        "districts": fields.List(fields.String, description="乡镇/街道"),
        "institution_listed": fields.Boolean(
            description="true 档案内机构，false 未登记，null 任意"
        ),
    },
)
rule_model = ns.model(
    "RoutingRuleWrite",
    {
        "id": fields.String(description="保留已有规则的编号；新规则不填"),
        "name": fields.String(required=True),
        "conditions": fields.Nested(conditions_model),
        "queue": fields.String(required=True, description="队列 key（或编号）"),
        "urgent": fields.Boolean(default=False),
        "active": fields.Boolean(default=True),
    },
)
replace_request = ns.model(
    "RoutingRulesReplace", {"items": fields.List(fields.Nested(rule_model), required=True)}
)


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
