"""What admins send to replace the routing rules, as field-toolkit models (the Swagger
request body is generated from them).

`replace_routing_rules` keeps its own checks: it names each fault by the rule's index
(`items[2].queue`) and checks queues against the store, all before anything is written.
"""

from pydantic import Field

from server.services.common.fields import Form


class RuleConditionsInput(Form):
    """What a complaint must match; a condition left out or empty matches anything."""

    categories: list[str] = Field(None, description="投诉类别代码；空表示任意")
    institution_kinds: list[str] = Field(None, description="subject / non_subject")
    institution_categories: list[str] = Field(None, description="sports / arts / ...")
    districts: list[str] = Field(None, description="乡镇/街道")
    institution_listed: bool | None = Field(
        None, description="true 档案内机构，false 未登记，null 任意"
    )


class RoutingRuleInput(Form):
    """One rule, at the position it is sent in."""

    id: str = Field(None, description="保留已有规则的编号；新规则不填")
    name: str
    conditions: RuleConditionsInput = None
    queue: str = Field(description="队列 key（或编号）")
    urgent: bool = False
    active: bool = True


class RoutingRulesInput(Form):
    """PUT /routing-rules: the whole ordered list."""

    items: list[RoutingRuleInput]
